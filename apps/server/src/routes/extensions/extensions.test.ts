import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, storedResource, type TestServer } from '../../testing.js';
import { generateSecret, HIDDEN_SECRET, secretWeakness } from './extensions.schema.js';

/** Reads never show secrets, so the tests look in the database file itself. */
const storedSecret = (t: TestServer, id: string) => storedResource<{ secret: string }>(t, 'extension', id)?.secret;

describe('secrets', () => {
  it('generates strong secrets of at least 16 characters', () => {
    for (let i = 0; i < 50; i++) {
      const secret = generateSecret();
      expect(secret.length).toBeGreaterThanOrEqual(16);
      expect(secretWeakness(secret)).toBeUndefined();
    }
  });
  it.each(['short1A!', 'aaaaaaaaaaaaaaaaaaaa', 'alllowercaseletters', 'Abcdefgh1000ijklmn'])('rejects %s', (secret) => {
    expect(secretWeakness(secret, '1000')).toBeDefined();
  });
});

describe('/extensions (real server)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('creates an extension with a generated secret and defaults', async () => {
    const response = await t.api('/extensions', { method: 'POST', json: { id: '1000', name: 'Anna Admin' } });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: '1000', callerId: '"Anna Admin" <1000>', codecs: ['ulaw', 'alaw'], context: 'stumpfworks-internal', webrtc: false });
    expect((body.secret as string).length).toBeGreaterThanOrEqual(16);
  });

  it('answers 422 with field paths', async () => {
    const response = await t.api('/extensions', {
      method: 'POST',
      json: { id: '0123', name: '', secret: 'weak', codecs: ['g729'], voicemail: { enabled: true, email: 'nope' } },
    });
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { issues: Array<{ path: string }> } };
    expect([...new Set(error.issues.map((i) => i.path))].sort()).toEqual(['codecs[0]', 'id', 'name', 'secret', 'voicemail.email', 'voicemail.pin']);
  });

  it('stores the box mail settings, and refuses delete-after-mail without an address or an attachment (both languages)', async () => {
    const voicemail = { enabled: true, pin: '4711', email: 'mia@example.com', attachment: 'mp3', mailLanguage: 'en', deleteAfterMail: true };
    const created = await t.api('/extensions', { method: 'POST', json: { id: '1090', name: 'Mia', voicemail } });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { voicemail: unknown }).voicemail).toEqual(voicemail);
    for (const [change, path] of [[{ email: undefined }, 'voicemail.email'], [{ attachment: 'none' }, 'voicemail.attachment']] as const) {
      for (const language of ['de', 'en']) {
        const refused = await t.api('/extensions/1090', { method: 'PUT', headers: { 'accept-language': language }, json: { id: '1090', name: 'Mia', voicemail: { ...voicemail, ...change } } });
        expect(refused.status).toBe(422);
        const { error } = (await refused.json()) as { error: { issues: Array<{ path: string; message: string }> } };
        expect(error.issues.map((i) => i.path)).toEqual([path]);
        expect(error.issues[0]!.message).toMatch(language === 'de' ? /^Löschen nach dem Mailen braucht/ : /^delete after mail needs/);
      }
    }
    expect((await t.api('/extensions', { method: 'POST', json: { id: '1091', name: 'X', voicemail: { enabled: true, pin: '4711', attachment: 'ogg' } } })).status).toBe(422);
    expect((await t.api('/extensions/1090', { method: 'DELETE' })).status).toBe(204);
  });

  it('keeps a recording policy, refuses an unknown one (in both languages), and drops it on a PUT without it', async () => {
    const bad = await t.api('/extensions', { method: 'POST', headers: { 'Accept-Language': 'de' }, json: { id: '1090', name: 'Rec', recording: 'sometimes' } });
    expect(bad.status).toBe(422);
    const { error } = (await bad.json()) as { error: { issues: Array<{ path: string; message: string }> } };
    expect(error.issues).toEqual([{ path: 'recording', message: expect.stringContaining('auf Wunsch') }]);
    expect(await t.ok('/extensions', { method: 'POST', json: { id: '1090', name: 'Rec', recording: 'onDemand' } })).toMatchObject({ recording: 'onDemand' });
    expect(await t.ok('/extensions/1090')).toMatchObject({ recording: 'onDemand' });
    expect(await t.ok('/extensions/1090', { method: 'PUT', json: { id: '1090', name: 'Rec' } })).not.toHaveProperty('recording');
    expect((await t.api('/extensions/1090', { method: 'DELETE' })).status).toBe(204);
  });

  it('refuses a duplicate, reads, replaces (keeping the secret), lists and deletes', async () => {
    expect((await t.api('/extensions', { method: 'POST', json: { id: '1000', name: 'Again' } })).status).toBe(409);
    const before = storedSecret(t, '1000');
    expect(((await t.ok('/extensions/1000')) as { secret: string }).secret).toBe(HIDDEN_SECRET);
    const put = await t.api('/extensions/1000', {
      method: 'PUT',
      json: { id: '1000', name: 'Anna', codecs: ['opus', 'ulaw'], webrtc: true, voicemail: { enabled: true, pin: '4711', email: 'anna@example.com' } },
    });
    expect(put.status).toBe(200);
    const after = (await put.json()) as { secret: string; voicemail: unknown };
    expect(after.secret).toBe(HIDDEN_SECRET);
    expect(storedSecret(t, '1000')).toBe(before);
    expect(after.voicemail).toEqual({ enabled: true, pin: '4711', email: 'anna@example.com' });
    expect((await t.api('/extensions/1000', { method: 'PUT', json: { id: '1001', name: 'x' } })).status).toBe(422);
    expect(((await t.ok('/extensions')) as unknown[]).length).toBe(1);
    expect((await t.api('/extensions/1000', { method: 'DELETE' })).status).toBe(204);
    expect((await t.api('/extensions/1000')).status).toBe(404);
  });

  it('keeps everything across a restart', async () => {
    await t.ok('/extensions', { method: 'POST', json: { id: '2000', name: 'Persisted', secret: 'Str0ng-Secret-abcX!' } });
    await t.restart();
    const response = await t.api('/extensions/2000');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ name: 'Persisted', secret: HIDDEN_SECRET });
    expect(storedSecret(t, '2000')).toBe('Str0ng-Secret-abcX!');
  });
});
