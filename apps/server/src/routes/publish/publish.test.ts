import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import type { Ari } from '../../asterisk/ari.js';
import { migrateToLatest, openDatabase } from '../../db/database.js';
import type { Database } from '../../db/tables.js';
import type { ConfFiles } from '../../publish/conf-files.js';
import { createPublisher } from '../../publish/publisher.js';
import { must } from '../../testing.js';

/** A flow that answers and hangs up; `name` varies it. */
const tinyFlow = (name = 'Klein') => ({
  schemaVersion: 1,
  id: 'klein',
  name,
  nodes: [
    { id: 'start', type: 'Start', position: { x: 0, y: 0 }, params: { number: '700' } },
    { id: 'bye', type: 'Hangup', position: { x: 0, y: 100 }, params: {} },
  ],
  edges: [{ from: 'start', output: 'next', to: 'bye' }],
});

/** An answer's JSON: the tests read it field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shapes are asserted by the tests themselves
type Answer = any;

/**
 * The API over a real SQLite file, with a publisher whose Asterisk is faked in memory: the
 * generated dir is a Map and `verdict` decides whether the live check after a reload passes.
 */
function harness(dir: string) {
  const db: Kysely<Database> = openDatabase(dir);
  const disk = new Map<string, string>();
  const writes: string[] = [];
  let verdict: string[] = [];
  let reachable = true;
  const files: ConfFiles = { read: (n) => disk.get(n) ?? '', write: (n, t) => (writes.push(n), void disk.set(n, t)) };
  const ari: Ari = {
    ping: async () => reachable,
    reloadModule: async () => undefined,
    endpointNames: async () => new Set(),
    request: async () => ({ status: 501, body: undefined }),
  };
  const publisher = createPublisher({ db, files, ari, ami: { host: '127.0.0.1', port: 1, user: 'x', secret: 'y' }, verify: async () => verdict });
  const app = createApp({ db, verify: async (t) => (t === 'tok' ? { kind: 'token', name: 'admin', role: 'admin' } : undefined), asteriskUp: async () => true, publisher, dataDir: dir });
  type Init = { method?: string; json?: unknown; language?: string };
  const request = (path: string, init: Init = {}) =>
    app.request(`/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: 'Bearer tok',
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.language ? { 'accept-language': init.language } : {}),
      },
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
  const api = async (path: string, init: Init = {}) => {
    const response = await request(path, init);
    return { status: response.status, body: (await response.json()) as Answer };
  };
  /** A setup call: its JSON, or the test fails unless the status is 2xx. */
  const ok = (path: string, init: Init = {}) => must<Answer>(request(path, init), `${init.method ?? 'GET'} ${path}`);
  return {
    db,
    disk,
    writes,
    api,
    ok,
    refuseNextChecks: (problems: string[]) => void (verdict = problems),
    setReachable: (up: boolean) => void (reachable = up),
    migrate: () => migrateToLatest(db),
  };
}

describe('publish preview and publishing one flow (real SQLite, Asterisk faked)', () => {
  let dir: string;
  let h: ReturnType<typeof harness>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swf-preview-'));
    h = harness(dir);
    await h.migrate();
  });
  afterEach(async () => {
    await h.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews a draft as if released: diff per file, nothing written, stored or recorded', async () => {
    const preview = await h.api('/publish/preview', { method: 'POST', json: { flows: [tinyFlow()] } });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.flowVersions).toEqual({ klein: 1 });
    expect(preview.body.changedFiles).toContain('extensions.conf');
    expect(preview.body.diff['extensions.conf']).toMatch(/^\+\[swf-klein\]/m);
    expect(h.writes).toEqual([]);
    expect(await h.ok('/publishes')).toEqual([]);
    expect((await h.api('/flows/klein')).status).toBe(404);
    // Without drafts: what POST /publish would do now (the flow is not released).
    const plain = await h.api('/publish/preview', { method: 'POST' });
    expect(plain.status).toBe(200);
    expect(plain.body.flowVersions).toEqual({});
    expect(plain.body.diff['extensions.conf'] ?? '').not.toContain('swf-klein');
  });

  it('answers 422 with the reason when the set would not compile, and for a document that is not a flow', async () => {
    const broken = { ...tinyFlow(), edges: [] };
    const refused = await h.api('/publish/preview', { method: 'POST', json: { flows: [broken] } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('the configuration does not compile');
    expect(refused.body.error.diagnostics[0]).toMatchObject({ flowId: 'klein' });
    const inGerman = await h.api('/publish/preview', { method: 'POST', json: { flows: [broken] }, language: 'de' });
    expect(inGerman.status).toBe(422);
    expect(inGerman.body.error.message).toBe('Die Konfiguration lässt sich nicht erzeugen');
    const notAFlow = await h.api('/publish/preview', { method: 'POST', json: { flows: [{ id: 'x' }] } });
    expect(notAFlow.status).toBe(422);
    expect(notAFlow.body.error.message).toBe('flows[0] is not a valid flow document');
    expect(notAFlow.body.error.issues[0].path).toMatch(/^flows\[0\]\./);
    const twice = await h.api('/publish/preview', { method: 'POST', json: { flows: [tinyFlow(), tinyFlow()] } });
    expect(twice.status).toBe(422);
    expect(twice.body.error.message).toBe('flow "klein" is given twice');
  });

  it('publishes a flow in one step: a new version, released and live', async () => {
    expect((await h.api('/flows', { method: 'POST', json: tinyFlow() })).status).toBe(201);
    const published = await h.api('/flows/klein/publish', { method: 'POST' });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.version).toMatchObject({ version: 1, published: true, refused: false });
    expect(published.body.publish).toMatchObject({ outcome: 'applied', flowVersions: { klein: 1 } });
    expect(h.disk.get('extensions.conf')).toContain('[swf-klein]');
    // The preview of the same draft now finds nothing to change.
    const again = await h.api('/publish/preview', { method: 'POST', json: { flows: [tinyFlow()] } });
    expect(again.body).toMatchObject({ changedFiles: [], flowVersions: { klein: 2 } });
  });

  it("says a refused publish in the caller's language, with Asterisk's problems as it reported them", async () => {
    await h.ok('/flows', { method: 'POST', json: tinyFlow() });
    await h.ok('/flows/klein/publish', { method: 'POST' });
    await h.ok('/flows/klein', { method: 'PUT', json: tinyFlow('Klein v2') });
    h.refuseNextChecks(['the check extension is not in the live dialplan']);
    const refused = await h.api('/flows/klein/publish', { method: 'POST', language: 'de-DE,de;q=0.9' });
    h.refuseNextChecks([]);
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: 'publish-failed', refusedVersion: 2, problems: ['the check extension is not in the live dialplan'] });
    expect(refused.body.error.message).toBe(
      'Asterisk hat die Konfiguration nicht angenommen; die vorherigen Dateien wurden wiederhergestellt. the check extension is not in the live dialplan (Version 2 wurde abgelehnt; Version 1 bleibt veröffentlicht)',
    );
    // The history keeps Asterisk's reason, in no request's language.
    const history = (await h.ok('/publishes', { language: 'de' })) as Array<{ outcome: string; reason: string | null }>;
    expect(history[0]).toMatchObject({ outcome: 'rolled-back', reason: 'the check extension is not in the live dialplan' });
  });

  it('leaves no half-released version when Asterisk refuses: v2 is marked refused, v1 stays released and live', async () => {
    await h.ok('/flows', { method: 'POST', json: tinyFlow() });
    await h.ok('/flows/klein/publish', { method: 'POST' });
    const live = h.disk.get('extensions.conf');
    await h.ok('/flows/klein', { method: 'PUT', json: tinyFlow('Klein v2') });

    h.refuseNextChecks(['the check extension is not in the live dialplan']);
    const refused = await h.api('/flows/klein/publish', { method: 'POST' });
    h.refuseNextChecks([]);
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: 'publish-failed', refusedVersion: 2 });
    expect(refused.body.error.message).toContain('the check extension is not in the live dialplan');
    expect(refused.body.error.message).toContain('version 2 was refused; version 1 stays released');
    expect(h.disk.get('extensions.conf')).toBe(live);
    const flow = await h.ok('/flows/klein');
    expect(flow.publishedVersion).toBe(1);
    expect(flow.draft.name).toBe('Klein v2'); // the draft is kept for another try
    const versions = (await h.ok('/flows/klein/versions')) as Array<{ version: number; published: boolean; refused: boolean }>;
    expect(versions.map((v) => [v.version, v.published, v.refused])).toEqual([
      [2, false, true],
      [1, true, false],
    ]);

    // Asterisk unreachable: 503, the same way.
    h.setReachable(false);
    const down = await h.api('/flows/klein/publish', { method: 'POST' });
    h.setReachable(true);
    expect(down.status).toBe(503);
    expect(down.body.error.refusedVersion).toBe(3);
    expect((await h.ok('/flows/klein')).publishedVersion).toBe(1);

    // The next try gets a new number; the refused ones stay in the history.
    const ok = await h.api('/flows/klein/publish', { method: 'POST' });
    expect(ok.status).toBe(201);
    expect(ok.body.version.version).toBe(4);
    expect(h.disk.get('extensions.conf')).toContain('Klein v2');
  });

  it('rolls back in one step: a copy of an earlier version, live; a refused rollback changes nothing', async () => {
    await h.ok('/flows', { method: 'POST', json: tinyFlow() });
    await h.ok('/flows/klein/publish', { method: 'POST' });
    await h.ok('/flows/klein', { method: 'PUT', json: tinyFlow('Klein v2') });
    await h.ok('/flows/klein/publish', { method: 'POST' });
    expect(h.disk.get('extensions.conf')).toContain('Klein v2');

    h.refuseNextChecks(['refused on purpose']);
    const refused = await h.api('/flows/klein/publish', { method: 'POST', json: { rollbackTo: 1 } });
    h.refuseNextChecks([]);
    expect(refused.status).toBe(502);
    const after = await h.ok('/flows/klein');
    expect(after).toMatchObject({ publishedVersion: 2, draft: { name: 'Klein v2' } });
    expect(h.disk.get('extensions.conf')).toContain('Klein v2');

    const rolledBack = await h.api('/flows/klein/publish', { method: 'POST', json: { rollbackTo: 1 } });
    expect(rolledBack.status).toBe(201);
    expect(rolledBack.body.version).toMatchObject({ version: 4, rollbackOf: 1, published: true });
    expect(h.disk.get('extensions.conf')).not.toContain('Klein v2');
    expect((await h.ok('/flows/klein')).draft.name).toBe('Klein');
    expect((await h.api('/flows/klein/publish', { method: 'POST', json: { rollbackTo: 9 } })).status).toBe(404);
    expect((await h.api('/flows/nope/publish', { method: 'POST' })).status).toBe(404);
  });

  it('refuses a flow with errors before freezing anything', async () => {
    await h.ok('/flows', { method: 'POST', json: { ...tinyFlow(), edges: [] } });
    const refused = await h.api('/flows/klein/publish', { method: 'POST' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.diagnostics.length).toBeGreaterThan(0);
    expect(await h.ok('/flows/klein/versions')).toEqual([]);
    expect(h.writes).toEqual([]);
  });
});
