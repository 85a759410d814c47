import { readFileSync } from 'node:fs';
import { callingFlow } from '@stumpfworks/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing.js';

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../../../../examples/${name}.flow.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('/flows (real server)', () => {
  let t: TestServer;
  const flow = example('support-queue');
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('refuses a document that is not a flow, with paths', async () => {
    const response = await t.api('/flows', { method: 'POST', json: { schemaVersion: 1, id: 'x', nodes: [{ id: 'a', type: 'Nope' }] } });
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { issues: Array<{ path: string; message: string }> } };
    expect(error.issues[0]!.path).toBe('nodes[0] "a".type');
  });

  it('saves a draft and reports its diagnostics', async () => {
    const response = await t.api('/flows', { method: 'POST', json: flow });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { publishedVersion: number | null; diagnostics: Array<{ code: string }> };
    expect(body.publishedVersion).toBeNull();
    expect(body.diagnostics.map((d) => d.code)).toContain('unknown-queue');
  });

  it('refuses to freeze a version while the flow has errors', async () => {
    const response = await t.api('/flows/support-queue/versions', { method: 'POST' });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { diagnostics: expect.arrayContaining([expect.objectContaining({ code: 'unknown-queue' })]) } });
  });

  it('publishes versions, keeps history and rolls back by appending a version', async () => {
    await t.ok('/extensions', { method: 'POST', json: { id: '1002', name: 'Support', voicemail: { enabled: true, pin: '1234' } } });
    await t.ok('/queues', { method: 'POST', json: { id: 'support', name: 'Support', members: ['1002'] } });
    const v1 = await t.api('/flows/support-queue/versions', { method: 'POST' });
    expect(v1.status).toBe(201);
    expect(await v1.json()).toMatchObject({ version: 1, published: true, createdBy: 'admin' });

    const renamed = { ...flow, name: 'Support v2' };
    expect((await t.api('/flows/support-queue', { method: 'PUT', json: renamed })).status).toBe(200);
    expect(((await t.ok('/flows/support-queue/versions', { method: 'POST' })) as { version: number }).version).toBe(2);

    const rollback = await t.api('/flows/support-queue/rollback', { method: 'POST', json: { version: 1 } });
    expect(rollback.status).toBe(201);
    expect(await rollback.json()).toMatchObject({ version: 3, rollbackOf: 1, published: true });
    const history = (await t.ok('/flows/support-queue/versions')) as Array<{ version: number; published: boolean }>;
    expect(history.map((v) => [v.version, v.published])).toEqual([[3, true], [2, false], [1, false]]);
    expect(await t.ok('/flows/support-queue/versions/2')).toMatchObject({ name: 'Support v2' });
    expect(await t.ok('/flows/support-queue/export')).toMatchObject({ name: flow.name });
    expect((await t.api('/flows/support-queue/rollback', { method: 'POST', json: { version: 9 } })).status).toBe(404);
  });

  it('publishing one flow without Asterisk answers 503 and freezes nothing', async () => {
    const before = (await t.ok('/flows/support-queue/versions')) as unknown[];
    const response = await t.api('/flows/support-queue/publish', { method: 'POST' });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('no Asterisk connection configured');
    expect(await t.ok('/flows/support-queue/versions')).toEqual(before);
    expect((await t.api('/publish/preview', { method: 'POST' })).status).toBe(503);
  });

  it('reports a CallFlow whose sub-flows call it again, checked against the other flows’ drafts', async () => {
    await t.ok('/flows', { method: 'POST', json: callingFlow('ping', 'pong') });
    await t.ok('/flows', { method: 'POST', json: callingFlow('pong', 'ping') });
    const ping = (await t.ok('/flows/ping')) as { diagnostics: Array<{ code: string; nodeId: string; message: { en: string } }> };
    expect(ping.diagnostics).toEqual([
      expect.objectContaining({ code: 'call-flow-recursion', nodeId: 'call', message: expect.objectContaining({ en: expect.stringContaining('(ping → pong → ping)') }) }),
    ]);
  });

  it('imports (create or replace) and refuses to change an id on PUT', async () => {
    expect((await t.api('/flows/import', { method: 'POST', json: { ...flow, name: 'Imported' } })).status).toBe(200);
    expect(await t.ok('/flows/support-queue')).toMatchObject({ name: 'Imported', publishedVersion: 3 });
    // A body for another flow is a conflict (409), not a field to fix: the editor lost track of its flow.
    expect((await t.api('/flows/support-queue', { method: 'PUT', json: { ...flow, id: 'other' } })).status).toBe(409);
  });

  it('refuses to delete a flow an inbound route uses', async () => {
    await t.ok('/routes/inbound', { method: 'POST', json: { id: 'support-did', did: '4930300', target: { type: 'flow', id: 'support-queue' } } });
    expect((await t.api('/flows/support-queue', { method: 'DELETE' })).status).toBe(409);
    await t.ok('/routes/inbound/support-did', { method: 'DELETE' });
    expect((await t.api('/flows/support-queue', { method: 'DELETE' })).status).toBe(204);
  });
});
