import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ari } from '../asterisk/ari.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { AppError } from '../errors.js';
import { insertResource } from '../resources/resources.repository.js';
import type { ConfFiles } from './conf-files.js';
import { inLanguage } from '../http/language.js';
import { createPublisher } from './publisher.js';
import { listPublishes } from './publishes.repository.js';

/** In-memory stand-ins for the generated dir and ARI, recording what happened. */
function fakes() {
  const disk = new Map<string, string>([['extensions.conf', 'old dialplan\n']]);
  const reloads: string[] = [];
  const files: ConfFiles = { read: (n) => disk.get(n) ?? '', write: (n, t) => void disk.set(n, t) };
  const ari: Ari = {
    ping: async () => true,
    reloadModule: async (m) => void reloads.push(m),
    endpointNames: async () => new EveryName(),
    request: async () => ({ status: 501, body: undefined }),
  };
  return { disk, reloads, files, ari, ami: { host: '127.0.0.1', port: 1, user: 'x', secret: 'y' } };
}

/** The fake Asterisk knows every endpoint it is asked about. */
class EveryName extends Set<string> {
  override has(): boolean {
    return true;
  }
}

describe('publisher (fake Asterisk)', () => {
  let dir: string;
  let db: Kysely<Database>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swf-pub-'));
    db = openDatabase(dir);
    await migrateToLatest(db);
    await insertResource(db, 'extension', '1000', {
      id: '1000', name: 'Anna', callerId: '"Anna" <1000>', secret: 'Qw8-Er5t-Zu2i-Op6a', codecs: ['ulaw'], context: 'stumpfworks-internal', voicemail: { enabled: false }, webrtc: false,
    });
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes and reloads only what changed, then reports unchanged', async () => {
    const f = fakes();
    const publisher = createPublisher({ db, ...f, verify: async () => [] });
    const { result: first, json } = await publisher.publish('admin');
    expect(first.outcome).toBe('applied');
    expect(first.changedFiles).toEqual(['pjsip.conf', 'extensions.conf', 'voicemail.conf', 'musiconhold.conf', 'queues.conf', 'confbridge.conf', 'rtp.conf']);
    expect(first.diff['extensions.conf']).toContain('-old dialplan');
    expect(f.disk.get('pjsip.conf')).toContain('password = Qw8-Er5t-Zu2i-Op6a');
    // The answer (and the stored record) never show the secret.
    expect(first.diff['pjsip.conf']).toContain('+password = ********');
    expect(JSON.stringify(first.diff)).not.toContain('Qw8-Er5t-Zu2i-Op6a');
    expect(JSON.stringify(await listPublishes(db))).not.toContain('Qw8-Er5t-Zu2i-Op6a');
    // The answer's JSON reuses the diff serialised for the record, and says what the result says.
    expect(JSON.parse(Buffer.from(json).toString())).toEqual(JSON.parse(JSON.stringify(first)));
    expect(JSON.parse((await listPublishes(db))[0]!.diff)).toEqual(first.diff);
    f.reloads.length = 0;
    const second = await publisher.publish('admin');
    expect(second.result).toMatchObject({ outcome: 'unchanged', changedFiles: [] });
    expect(JSON.parse(Buffer.from(second.json).toString())).toEqual(JSON.parse(JSON.stringify(second.result)));
    expect(f.reloads).toEqual([]);
  });

  it('restores the previous files and reloads them when the check fails', async () => {
    const f = fakes();
    const publisher = createPublisher({ db, ...f, verify: async () => ['the check extension is not in the live dialplan'] });
    const error = await publisher.publish('admin').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(502);
    expect(f.disk.get('extensions.conf')).toBe('old dialplan\n');
    expect(f.disk.get('pjsip.conf')).toBe('');
    // Each changed module twice: the new files, then the restored ones.
    expect(f.reloads.filter((m) => m === 'pbx_config.so')).toHaveLength(2);
    const [record] = await listPublishes(db);
    expect(record).toMatchObject({ outcome: 'rolled-back', actor: 'admin', reason: 'the check extension is not in the live dialplan' });
  });

  it('records the publish as pending while Asterisk reloads, then sets its outcome', async () => {
    const f = fakes();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The last of the six reloads is held: Asterisk is still reloading.
    const ari: Ari = { ...f.ari, reloadModule: async (m) => (m === 'app_confbridge.so' ? held : undefined) };
    const publishing = createPublisher({ db, ...f, ari, verify: async () => [] }).publish('admin');
    await expect.poll(async () => (await listPublishes(db))[0]?.outcome).toBe('pending');
    const [pending] = await listPublishes(db);
    expect(JSON.parse(pending!.diff)['extensions.conf']).toContain('-old dialplan');
    release();
    const { result } = await publishing;
    const [record] = await listPublishes(db);
    expect(record).toMatchObject({ id: result.id, outcome: 'applied', reason: null, seq: 1 });
    expect(JSON.parse(record!.diff)).toEqual(result.diff);
  });

  it('refuses with 503 and changes nothing when ARI does not answer', async () => {
    const f = fakes();
    const publisher = createPublisher({ db, ...f, ari: { ...f.ari, ping: async () => false }, verify: async () => [] });
    await expect(publisher.publish('admin')).rejects.toMatchObject({ code: 'asterisk-unavailable', message: 'Asterisk (ARI) is not reachable; nothing was changed' });
    // Asked in German: the answer in German, the record in English.
    await expect(inLanguage('de', () => publisher.publish('admin'))).rejects.toMatchObject({
      message: 'Asterisk (ARI) ist nicht erreichbar; es wurde nichts geändert',
    });
    expect(f.disk.get('extensions.conf')).toBe('old dialplan\n');
    expect((await listPublishes(db))[0]).toMatchObject({ outcome: 'rejected', reason: 'Asterisk (ARI) is not reachable' });
  });

  it('refuses a set that does not compile (422) before touching anything', async () => {
    await insertResource(db, 'inbound-route', 'main', { id: 'main', did: '4930', target: { type: 'flow', id: 'never-published' } });
    const f = fakes();
    const publisher = createPublisher({ db, ...f, verify: async () => [] });
    await expect(publisher.publish('admin')).rejects.toMatchObject({ code: 'validation' });
    expect(f.reloads).toEqual([]);
  });
});
