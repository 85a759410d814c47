import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFlow, type Flow } from '@stumpfworks/flow';
import { startTestServer, type TestServer } from '../../testing.js';

/**
 * schemaVersion 1 flows (tests/fixtures/schema-v1, the examples as version 1 saved them) through
 * the API's import: accepted, stored as parseFlow reads them, exported again unchanged. The
 * server has none of the queues, mailboxes or rooms they name, so those references (and only
 * those) are diagnosed.
 */
const dir = join(import.meta.dirname, '..', '..', '..', '..', '..', 'tests', 'fixtures', 'schema-v1');
const documents = readdirSync(dir)
  .filter((f) => f.endsWith('.flow.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id: string; nodes: Array<{ type: string; params: { flow?: string } }> });
/** Sub-flows first: a CallFlow is checked against the flows stored already. */
const called = new Set(documents.flatMap((d) => d.nodes.flatMap((n) => (n.params.flow ? [n.params.flow] : []))));
const ordered = [...documents.filter((d) => called.has(d.id)), ...documents.filter((d) => !called.has(d.id))];
const MISSING_ON_THIS_PBX = new Set(['unknown-queue', 'unknown-mailbox', 'unknown-room', 'unknown-extension', 'unknown-prompt', 'unknown-route']);

describe('schemaVersion 1 flows through the API import (real server)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it.each(ordered.map((d) => [d.id, d] as const))('imports %s as it reads', async (id, document) => {
    const imported = await t.ok<{ diagnostics: Array<{ code: string; severity: string }> }>('/flows/import', { method: 'POST', json: document });
    const errors = imported.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
    expect(errors.filter((code) => !MISSING_ON_THIS_PBX.has(code))).toEqual([]);
    const parsed = parseFlow(document);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const exported = await t.ok<Flow>(`/flows/${id}/export`);
    expect(exported).toEqual(parsed.flow);
  });
});
