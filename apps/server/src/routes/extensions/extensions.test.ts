import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, storedResource, type TestServer } from '../../testing.js';
import { generatePin, generateSecret, HIDDEN_SECRET, pinWeakness, secretWeakness } from './extensions.schema.js';

/** Reads never show secrets, so the tests look in the database file itself. */
const storedSecret = (t: TestServer, id: string) => storedResource<{ secret: string }>(t, 'extension', id)?.secret;
const storedPin = (t: TestServer, id: string) => storedResource<{ voicemail: { pin?: string } }>(t, 'extension', id)?.voicemail.pin;

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

describe('voicemail PINs', () => {
  it('generates 6-digit PINs that pass the weakness check', () => {
    for (let i = 0; i < 50; i++) {
      const pin = generatePin('100000');
      expect(pin).toMatch(/^[0-9]{6}$/);
      expect(pinWeakness(pin, '100000')).toBeUndefined();
    }
  });
  it.each(['123', '0000', '1234', '98765', '8901', '1000', '12a4'])('rejects %s', (pin) => {
    expect(pinWeakness(pin, '1000')).toBeDefined();
  });
  it.each(['4711', '0815', '250371'])('takes %s', (pin) => {
    expect(pinWeakness(pin, '1000')).toBeUndefined();
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
      json: { id: '0123', name: '', secret: 'weak', codecs: ['g729'], voicemail: { enabled: true, pin: '12a4', email: 'nope' } },
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
    expect(after.voicemail).toEqual({ enabled: true, pin: HIDDEN_SECRET, email: 'anna@example.com' });
    expect(storedPin(t, '1000')).toBe('4711');
    expect((await t.api('/extensions/1000', { method: 'PUT', json: { id: '1001', name: 'x' } })).status).toBe(422);
    expect(((await t.ok('/extensions')) as unknown[]).length).toBe(1);
    expect((await t.api('/extensions/1000', { method: 'DELETE' })).status).toBe(204);
    expect((await t.api('/extensions/1000')).status).toBe(404);
  });

  it('generates a PIN for a new box, shows it once, keeps it on a PUT without one and takes a new one', async () => {
    const created = (await t.ok('/extensions', { method: 'POST', json: { id: '3000', name: 'Box', voicemail: { enabled: true } } })) as { voicemail: { pin: string } };
    expect(created.voicemail.pin).toMatch(/^[0-9]{6}$/);
    expect(storedPin(t, '3000')).toBe(created.voicemail.pin);
    expect(((await t.ok('/extensions/3000')) as { voicemail: { pin: string } }).voicemail.pin).toBe(HIDDEN_SECRET);
    expect(JSON.stringify(await t.ok('/extensions'))).not.toContain(created.voicemail.pin);
    await t.ok('/extensions/3000', { method: 'PUT', json: { id: '3000', name: 'Box 2', voicemail: { enabled: true, pin: HIDDEN_SECRET } } });
    await t.ok('/extensions/3000', { method: 'PUT', json: { id: '3000', name: 'Box 3', voicemail: { enabled: false } } });
    expect(storedPin(t, '3000')).toBe(created.voicemail.pin);
    await t.ok('/extensions/3000', { method: 'PUT', json: { id: '3000', name: 'Box 4', voicemail: { enabled: true, pin: '250371' } } });
    expect(storedPin(t, '3000')).toBe('250371');
    const letters = await t.api('/extensions/3000', { method: 'PUT', json: { id: '3000', name: 'Box', voicemail: { enabled: true, pin: '12a4' } } });
    expect(letters.status).toBe(422);
    expect(JSON.stringify(await letters.json())).toContain('voicemail.pin');
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
