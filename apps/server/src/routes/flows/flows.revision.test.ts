import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing.js';

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../../../../examples/${name}.flow.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

interface Detail {
  name: string;
  revision: number;
}

/** Writes to a flow that would lose someone's work are refused with 409 (real server, real SQLite). */
describe('/flows revisions and conflicts (real server)', () => {
  let t: TestServer;
  const flow = example('support-queue');
  const id = flow.id as string;
  const put = (json: unknown, ifMatch?: string, language = 'en') =>
    t.api(`/flows/${id}`, { method: 'PUT', json, headers: { 'accept-language': language, ...(ifMatch !== undefined ? { 'if-match': ifMatch } : {}) } });
  const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; revision?: number; issues?: unknown[] } }).error;

  beforeAll(async () => {
    t = await startTestServer();
    await t.ok('/flows', { method: 'POST', json: flow }, 201);
  });
  afterAll(() => t.stop());

  it('answers a read with the revision as ETag, and a save with If-Match of it moves it on', async () => {
    const read = await t.api(`/flows/${id}`);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(((await read.json()) as Detail).revision).toBe(1);
    const saved = await put({ ...flow, name: 'Support 2' }, '"1"');
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"2"');
    expect(await saved.json()).toMatchObject({ name: 'Support 2', revision: 2 });
    expect(((await t.ok('/flows')) as Detail[]).find((f) => f.name === 'Support 2')?.revision).toBe(2);
  });

  it('refuses a save based on an older revision with 409, in German and English, and keeps the newer draft', async () => {
    const en = await put({ ...flow, name: 'stale' }, '"1"');
    expect(en.status).toBe(409);
    expect(await errorOf(en)).toMatchObject({
      code: 'conflict',
      revision: 2,
      message: `flow "${id}" has changed since you read it (revision 2; yours is based on 1). Reload it before you overwrite it.`,
    });
    const de = await put({ ...flow, name: 'stale' }, 'W/"1"', 'de');
    expect(de.status).toBe(409);
    expect((await errorOf(de)).message).toBe(`Der Ablauf „${id}“ wurde inzwischen geändert (Revision 2; Ihre Fassung beruht auf 1). Laden Sie ihn neu, bevor Sie ihn überschreiben.`);
    expect(await t.ok(`/flows/${id}`)).toMatchObject({ name: 'Support 2', revision: 2 });
  });

  it('counts an import (any write of the draft) as a new revision, so the editor\'s save after it is refused', async () => {
    await t.ok('/flows/import', { method: 'POST', json: { ...flow, name: 'Imported' } });
    expect(await t.ok(`/flows/${id}`)).toMatchObject({ name: 'Imported', revision: 3 });
    expect((await put({ ...flow, name: 'mine' }, '"2"')).status).toBe(409);
    // Without If-Match a save stays unconditional (scripts, the CLI); `*` matches any revision.
    expect((await put({ ...flow, name: 'Unconditional' })).status).toBe(200);
    expect((await put({ ...flow, name: 'Any' }, '*')).status).toBe(200);
    expect(await t.ok(`/flows/${id}`)).toMatchObject({ name: 'Any', revision: 5 });
  });

  it('refuses a body for another flow with 409 and writes neither', async () => {
    const response = await put({ ...flow, id: 'other', name: 'Other' }, '"5"');
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({ message: 'the id cannot change', issues: [{ path: 'id', message: `must be "${id}"` }] });
    expect(await t.ok(`/flows/${id}`)).toMatchObject({ name: 'Any', revision: 5 });
    expect((await t.api('/flows/other')).status).toBe(404);
  });

  it('refuses to create a flow whose id exists with 409, never overwriting it', async () => {
    const response = await t.api('/flows', { method: 'POST', json: { ...flow, name: 'Overwrite?' }, headers: { 'accept-language': 'de' } });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).message).toBe(`Den Ablauf „${id}“ gibt es bereits; PUT /flows/${id} ersetzt den Entwurf`);
    expect(await t.ok(`/flows/${id}`)).toMatchObject({ name: 'Any', revision: 5 });
  });

  it('refuses to publish a draft that is not the revision the client saved (409 before anything is frozen)', async () => {
    const response = await t.api(`/flows/${id}/publish`, { method: 'POST', headers: { 'if-match': '"4"' } });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).revision).toBe(5);
    expect(await t.ok(`/flows/${id}/versions`)).toEqual([]);
  });

  it('describes If-Match and the 409s in the OpenAPI spec', async () => {
    const spec = (await t.ok('/openapi.json')) as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>> };
    const update = spec.paths['/flows/{id}']!.put!;
    expect(update.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'if-match', in: 'header' })]));
    expect(update.responses).toHaveProperty('409');
    expect(spec.paths['/flows/{id}/publish']!.post!.responses).toHaveProperty('409');
  });
});
