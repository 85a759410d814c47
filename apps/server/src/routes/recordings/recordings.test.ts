import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, type SessionClient } from '../../auth/session-client.js';
import { must, startTestServer, type TestServer } from '../../testing.js';
import { byteRange } from './recordings.index.js';

describe('byteRange', () => {
  it('reads one range, a suffix and an open end; ignores what it cannot satisfy', () => {
    expect(byteRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(byteRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRange('bytes=500-5000', 1000)).toEqual({ start: 500, end: 999 });
    for (const header of [undefined, 'bytes=1000-', 'bytes=5-1', 'bytes=0-1,5-9', 'items=0-1', 'bytes=-', 'bytes=-0']) expect(byteRange(header, 1000)).toBeUndefined();
  });
});

describe('/recordings (real server, real SQLite, files in a temp spool)', () => {
  const spool = mkdtempSync(join(tmpdir(), 'swf-rec-spool-'));
  let t: TestServer;
  let operator: SessionClient;
  /** WAV-sized files: 44 header bytes and 16 bytes a millisecond. */
  const add = async (file: string, fields: { caller: string; callee: string; direction: 'inbound' | 'outbound' | 'internal'; startedAt: string; ms: number }) => {
    const size = 44 + 16 * fields.ms;
    writeFileSync(join(spool, file), Buffer.alloc(size, 7));
    await t.server.db
      .insertInto('recordings')
      .values({ call_id: file.split('-')[2]!.replace(/\.wav$/, ''), started_at: fields.startedAt, caller: fields.caller, callee: fields.callee, direction: fields.direction, kind: 'always', duration_ms: fields.ms, size_bytes: size, file })
      .execute();
  };
  const ids = (page: { recordings: Array<{ caller: string; callee: string }> }) => page.recordings.map((r) => `${r.caller}>${r.callee}`);

  beforeAll(async () => {
    t = await startTestServer({ RECORDINGS_DIR: spool });
    await add('always-1765000000-1765000000.1.wav', { caller: '1000', callee: '1001', direction: 'internal', startedAt: '2025-12-06T05:46:40.000Z', ms: 1000 });
    await add('always-1765100000-1765100000.2.wav', { caller: '+4930123456', callee: '1002', direction: 'inbound', startedAt: '2025-12-07T09:33:20.000Z', ms: 2000 });
    await add('always-1765200000-1765200000.3.wav', { caller: '1002', callee: '004930999', direction: 'outbound', startedAt: '2025-12-08T13:20:00.000Z', ms: 500 });
    await t.ok('/extensions', { method: 'POST', json: { id: '1001', name: 'Ben', voicemail: { enabled: true, pin: '1234' } } }, 201);
    await t.ok('/extensions', { method: 'POST', json: { id: '1002', name: 'Carl', voicemail: { enabled: true, pin: '1234' } } }, 201);
    const user = await t.ok<{ id: string }>('/users', { method: 'POST', json: { username: 'olga', role: 'operator', password: 'one-time-pass-1' } }, 201);
    const first = await logIn(t, 'olga', 'one-time-pass-1');
    await must(first.api('/auth/password', { method: 'PUT', json: { currentPassword: 'one-time-pass-1', newPassword: 'operator-password-1' } }), 'set own password');
    operator = await logIn(t, 'olga', 'operator-password-1');
    await t.ok(`/users/${user.id}/assignment`, { method: 'PUT', json: { queues: [], mailboxes: ['1001'] } });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(spool, { recursive: true, force: true });
  });

  it('lists newest first with the total and storage use; filters by time, extension, number and direction; pages', async () => {
    const all = await t.ok<{ total: number; storageBytes: number; recordings: Array<{ caller: string; callee: string; durationMs: number }> }>('/recordings');
    expect(all.total).toBe(3);
    expect(all.storageBytes).toBe(3 * 44 + 16 * 3500);
    expect(ids(all)).toEqual(['1002>004930999', '+4930123456>1002', '1000>1001']);
    expect(ids(await t.ok('/recordings?from=2025-12-07T00:00:00Z&to=2025-12-07T23:59:59Z'))).toEqual(['+4930123456>1002']);
    expect(ids(await t.ok('/recordings?extension=1002'))).toEqual(['1002>004930999', '+4930123456>1002']);
    expect(ids(await t.ok('/recordings?number=30123'))).toEqual(['+4930123456>1002']);
    expect(ids(await t.ok('/recordings?direction=outbound'))).toEqual(['1002>004930999']);
    const page = await t.ok<{ total: number; recordings: unknown[] }>('/recordings?limit=1&offset=1');
    expect([page.total, ids(page as never)]).toEqual([3, ['+4930123456>1002']]);
    const bad = await t.api('/recordings?direction=sideways&number=1;2&from=yesterday');
    expect(bad.status).toBe(422);
    expect(((await bad.json()).error.issues as Array<{ path: string }>).map((i) => i.path).sort()).toEqual(['direction', 'from', 'number']);
  });

  it('streams a recording whole and by Range (206), and puts each listen into the audit log once', async () => {
    const [newest] = (await t.ok<{ recordings: Array<{ id: number }> }>('/recordings?direction=outbound')).recordings;
    const whole = await t.api(`/recordings/${newest!.id}`);
    expect([whole.status, whole.headers.get('content-type'), whole.headers.get('accept-ranges')]).toEqual([200, 'audio/wav', 'bytes']);
    expect((await whole.arrayBuffer()).byteLength).toBe(44 + 16 * 500);
    const part = await t.api(`/recordings/${newest!.id}`, { headers: { range: 'bytes=100-199' } });
    expect([part.status, part.headers.get('content-range'), (await part.arrayBuffer()).byteLength]).toEqual([206, `bytes 100-199/${44 + 16 * 500}`, 100]);
    const audit = await t.ok<{ entries: Array<{ action: string; resource: { id: string } }> }>('/audit?action=recording.listen');
    expect(audit.entries.map((e) => e.resource.id)).toEqual([String(newest!.id)]);
  });

  it('an operator sees and hears only calls of the extensions whose mailboxes they are given', async () => {
    const page = await must<{ total: number; recordings: Array<{ id: number; caller: string; callee: string }> }>(operator.api('/recordings'), 'list');
    expect(ids(page)).toEqual(['1000>1001']);
    const all = await t.ok<{ recordings: Array<{ id: number; callee: string }> }>('/recordings');
    const other = all.recordings.find((r) => r.callee === '1002')!;
    const refused = await operator.api(`/recordings/${other.id}`, { headers: { 'accept-language': 'de' } });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain('keiner Ihnen zugewiesenen Mailbox');
    expect((await operator.api(`/recordings/${page.recordings[0]!.id}`)).status).toBe(200);
    expect((await operator.api('/recordings/999999')).status).toBe(404);
  });

  it('deletes the file and the row (audited), and answers 404 afterwards', async () => {
    const [oldest] = (await t.ok<{ recordings: Array<{ id: number }> }>('/recordings?direction=internal')).recordings;
    expect((await t.api(`/recordings/${oldest!.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(existsSync(join(spool, 'always-1765000000-1765000000.1.wav'))).toBe(false);
    expect((await t.api(`/recordings/${oldest!.id}`)).status).toBe(404);
    const audit = await t.ok<{ entries: Array<{ action: string }> }>('/audit?resource=recordings');
    // Newest first: the delete (its before-read is no listen), the operator's listen and refusal, the admin's listen.
    expect(audit.entries.map((e) => e.action)).toEqual(['DELETE /recordings/{id}', 'recording.listen', 'GET /recordings/{id}', 'recording.listen']);
  });
});
