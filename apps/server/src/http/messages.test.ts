import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing.js';

interface ErrorAnswer {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/** The server's messages in the caller's language (Accept-Language), English without one. */
describe('messages in German and English (real server)', () => {
  let t: TestServer;
  /** The error answer of a call, asked in `language` (none: no Accept-Language header). */
  const answer = async (language: string | undefined, path: string, init: RequestInit & { json?: unknown } = {}) => {
    const response = await t.api(path, { ...init, headers: language ? { 'accept-language': language } : {} });
    return { status: response.status, body: (await response.json()) as ErrorAnswer };
  };
  const issue = (body: ErrorAnswer, path: string) => body.error.issues?.find((i) => i.path === path)?.message;

  beforeAll(async () => {
    t = await startTestServer();
    expect((await t.api('/extensions', { method: 'POST', json: { id: '1000', name: 'Anna' } })).status).toBe(201);
  });
  afterAll(() => t.stop());

  it("answers zod's own messages, ours and the summary in the caller's language", async () => {
    const json = { id: '0123', name: '', secret: 'alllowercaseletters', voicemail: { enabled: true, pin: '12a4', email: 'nope' } };
    const de = await answer('de-DE,de;q=0.9,en;q=0.8', '/extensions', { method: 'POST', json });
    expect(de.status).toBe(422);
    expect(de.body.error.code).toBe('validation');
    expect(de.body.error.message).toBe('Die Anfrage ist nicht gültig');
    expect(issue(de.body, 'id')).toBe('Eine Nebenstellennummer hat 2 bis 6 Ziffern und beginnt nicht mit 0');
    expect(issue(de.body, 'secret')).toBe('Unsicheres Passwort: braucht mindestens drei von: Kleinbuchstaben, Großbuchstaben, Ziffern, Sonderzeichen');
    expect(issue(de.body, 'voicemail.pin')).toBe('Muss aus 4 bis 10 Ziffern bestehen');
    expect(issue(de.body, 'name')).toBe('Zu klein: erwartet, dass string >=1 Zeichen hat');
    expect(issue(de.body, 'voicemail.email')).toBe('Ungültig: E-Mail-Adresse');

    for (const language of [undefined, 'en-US', 'fr, it']) {
      const en = await answer(language, '/extensions', { method: 'POST', json });
      expect(en.body.error.message).toBe('the request is not valid');
      expect(issue(en.body, 'id')).toBe('an extension number has 2 to 6 digits and does not start with 0');
      expect(issue(en.body, 'secret')).toBe('weak secret: needs at least three of: lower case, upper case, digits, symbols');
      expect(issue(en.body, 'voicemail.pin')).toBe('must be 4 to 10 digits');
      expect(issue(en.body, 'name')).toBe('Too small: expected string to have >=1 characters');
      expect(issue(en.body, 'voicemail.email')).toBe('Invalid email address');
    }
    // The same paths in both languages: only the words change.
    const paths = (body: ErrorAnswer) => body.error.issues!.map((i) => i.path).sort();
    expect(paths(de.body)).toEqual(paths((await answer(undefined, '/extensions', { method: 'POST', json })).body));
  });

  it('answers conflicts and missing things in the caller\'s language', async () => {
    const again = { method: 'POST', json: { id: '1000', name: 'Again' } };
    expect(await answer('de', '/extensions', again)).toEqual({ status: 409, body: { error: { code: 'conflict', message: 'Die Nebenstelle „1000“ gibt es bereits' } } });
    expect((await answer(undefined, '/extensions', again)).body.error.message).toBe('extension "1000" exists already');

    expect(await answer('de', '/flows/ghost')).toEqual({ status: 404, body: { error: { code: 'not-found', message: 'Den Ablauf „ghost“ gibt es nicht' } } });
    expect((await answer(undefined, '/flows/ghost')).body.error.message).toBe('no flow "ghost"');
    expect((await answer('de', '/publishes/ghost')).body.error.message).toBe('Diese Veröffentlichung gibt es nicht');
    expect((await answer('de', '/queues', { method: 'POST', json: { id: 'support', name: 'Support', members: ['1000', '4242'] } })).body.error).toEqual({
      code: 'validation',
      message: 'Die Warteschlange ist nicht gültig',
      issues: [{ path: 'members[1]', message: 'Die Nebenstelle „4242“ gibt es nicht' }],
    });
  });

  it('refuses to delete the emergency route in the caller\'s language', async () => {
    const de = await answer('de', '/routes/outbound/emergency', { method: 'DELETE' });
    expect(de).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'Die Notruf-Route (110, 112) kann nicht gelöscht werden' } } });
    const en = await answer(undefined, '/routes/outbound/emergency', { method: 'DELETE' });
    expect(en.body.error.message).toBe('the emergency route (110, 112) cannot be deleted');
    const blocking = { method: 'POST', json: { id: 'no-short', name: 'x', patterns: ['_1XX'], block: true } };
    expect(issue((await answer('de', '/routes/outbound', blocking)).body, 'patterns[0]')).toBe('Würde die Notrufnummern 110/112 sperren');
  });

  it("lists a flow's errors with the diagnostics' German or English text", async () => {
    // The example names the queue `support`, which this server does not have: an error diagnostic.
    const flow = JSON.parse(readFileSync(new URL('../../../../examples/support-queue.flow.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const saved = await t.api('/flows', { method: 'POST', json: flow });
    expect(saved.status).toBe(201);
    const { diagnostics } = (await saved.json()) as { diagnostics: { severity: string; message: { de: string; en: string } }[] };
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    const de = await answer('de', '/flows/support-queue/versions', { method: 'POST' });
    expect(de.body.error.message).toBe('Der Ablauf hat Fehler');
    expect(de.body.error.issues!.map((i) => i.message)).toEqual(errors.map((d) => d.message.de));
    const en = await answer(undefined, '/flows/support-queue/versions', { method: 'POST' });
    expect(en.body.error.message).toBe('the flow has errors');
    expect(en.body.error.issues!.map((i) => i.message)).toEqual(errors.map((d) => d.message.en));
  });

  it("refuses a body that is not JSON with 400 in the caller's language (it was a 500 'internal error')", async () => {
    const notJson = (language: string | undefined, path: string, body: string) =>
      t.api(path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...(language ? { 'accept-language': language } : {}) } });
    const en = await notJson(undefined, '/extensions', '{"id": "1001",');
    expect(en.status).toBe(400);
    expect(await en.json()).toEqual({
      error: {
        code: 'bad-request',
        message: 'the request body is not valid JSON (Content-Type: application/json); without a body, send no such Content-Type either',
      },
    });
    // An optional body (publish a flow), sent empty but declared as JSON.
    const de = await notJson('de', '/flows/support-queue/publish', '');
    expect(de.status).toBe(400);
    expect(((await de.json()) as ErrorAnswer).error.message).toMatch(/^Der Inhalt der Anfrage ist kein gültiges JSON/);
    expect((await t.api('/extensions/1001')).status).toBe(404); // nothing was half-created
  });

  it("refuses a document that is not a flow with its problems in the caller's language", async () => {
    const json = {
      schemaVersion: 1,
      id: 'bad',
      name: 'Bad',
      nodes: [
        { id: 'start', type: 'Start', params: { number: '7100' } },
        { id: 'menu', type: 'Menu', params: { prompt: { kind: 'sound', name: 'beep' }, timeoutSeconds: 99 } },
        { id: 'room', type: 'Conference', params: { room: '8000', pin: 'ab' } },
      ],
      edges: [],
    };
    const de = await answer('de', '/flows', { method: 'POST', json });
    expect(de.status).toBe(422);
    expect(de.body.error).toEqual({
      code: 'validation',
      message: 'Kein gültiges Ablauf-Dokument',
      issues: [
        { path: 'nodes[1] "menu".params.timeoutSeconds', message: 'Zu groß: erwartet, dass number <=30 ist' },
        { path: 'nodes[2] "room".params.pin', message: 'Eine PIN hat 3 bis 12 Ziffern' },
      ],
    });
    const en = await answer(undefined, '/flows', { method: 'POST', json });
    expect(en.body.error).toEqual({
      code: 'validation',
      message: 'not a valid flow document',
      issues: [
        { path: 'nodes[1] "menu".params.timeoutSeconds', message: 'Too big: expected number to be <=30' },
        { path: 'nodes[2] "room".params.pin', message: 'a PIN has 3-12 digits' },
      ],
    });
    const newer = await answer('de', '/flows', { method: 'POST', json: { ...json, schemaVersion: 2 } });
    expect(issue(newer.body, 'schemaVersion')).toMatch(/^Der Ablauf wurde von einer neueren Version gespeichert \(schemaVersion 2\)/);
    // A missing object names the field and the fix (issue #16).
    const withoutParams = { method: 'POST', json: { ...json, nodes: [json.nodes[0], { id: 'bye', type: 'Hangup' }] } };
    expect(issue((await answer('de', '/flows', withoutParams)).body, 'nodes[1] "bye".params')).toBe(
      '„params“ fehlt: Ein Baustein vom Typ Hangup braucht seine Einstellungen; ergänzen Sie zum Beispiel "params": {}',
    );
    expect(issue((await answer(undefined, '/flows', withoutParams)).body, 'nodes[1] "bye".params')).toBe(
      '"params" is missing: a Hangup node needs its settings; add for example "params": {}',
    );
  });

  it('answers unknown routes and a missing token in the caller\'s language', async () => {
    expect((await answer('de', '/no-such-thing')).body.error).toEqual({ code: 'not-found', message: 'Diese Adresse gibt es nicht' });
    const response = await fetch(`${t.server.url}/api/v1/extensions`, { headers: { 'accept-language': 'de' } });
    expect(response.status).toBe(401);
    expect((await response.json()) as ErrorAnswer).toEqual({ error: { code: 'unauthorized', message: 'Nicht angemeldet: Anmeldung oder Token fehlt oder ist ungültig' } });
  });

  it('answers parallel requests each in its own language', async () => {
    const languages = ['de', undefined, 'de', 'en', 'de', undefined];
    const messages = await Promise.all(languages.map(async (language) => (await answer(language, '/flows/ghost')).body.error.message));
    expect(messages).toEqual(languages.map((l) => (l === 'de' ? 'Den Ablauf „ghost“ gibt es nicht' : 'no flow "ghost"')));
  });
});
