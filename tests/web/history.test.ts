/**
 * The call history page in headless Chromium against the real server and real SQLite (rows written
 * as the ingest would): the filters and the server's keyset pages, the outcome in words, the CSV
 * link, and a call's path opened on its flow's canvas at the version it ran on, lit as the
 * simulator lights a path. Needs Debian chromium; no Asterisk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beepFlow } from '../support/beep-flow.js';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

describe.skipIf(!hasChromium())('the call history page in Chromium', () => {
  let web: WebSession;
  let page: WebSession['page'];
  const T0 = Date.parse('2026-11-02T09:00:00Z');

  beforeAll(async () => {
    web = await openWebSession();
    page = web.page;
    // Version 1 of the flow: start -> beep -> bye. The draft then gets a node the call never saw.
    const flow = beepFlow('hist-demo', '7001', 'dialplan');
    await web.server.ok('/flows', { method: 'POST', json: flow }, 201);
    await web.server.ok('/flows/hist-demo/versions', { method: 'POST' }, 201);
    const stored = await web.server.ok<{ revision: number }>('/flows/hist-demo');
    const draft = {
      ...flow,
      nodes: [...flow.nodes, { id: 'later', type: 'Play', params: { prompt: { kind: 'sound', name: 'beep' } } }],
      edges: [{ from: 'start', output: 'next', to: 'beep' }, { from: 'beep', output: 'next', to: 'later' }, { from: 'later', output: 'next', to: 'bye' }],
    };
    await web.server.ok('/flows/hist-demo', { method: 'PUT', json: draft, headers: { 'if-match': `"${stored.revision}"` } });
    const base = { answered_at: null, caller_name: '', trunk_id: null, flow_id: null, flow_version: null, path: null, answered_by: null, queue_id: null, wait_ms: null, talk_ms: 0, voicemail_box: null, transferred_to: null };
    await web.server.server.db
      .insertInto('call_history')
      .values([
        ...Array.from({ length: 60 }, (_, i) => ({ ...base, linkedid: `int.${String(i).padStart(2, '0')}`, started_at: T0 + i * 60_000, ended_at: T0 + i * 60_000 + 30_000, direction: 'internal' as const, caller: '1000', called: '1001', answered_by: '1001', answered_at: T0 + i * 60_000 + 5000, talk_ms: 25_000, outcome: 'answered' as const, channel_ids: '[]' })),
        { ...base, linkedid: 'in.1', started_at: T0 + 3_600_000 * 2, ended_at: T0 + 3_600_000 * 2 + 9000, direction: 'inbound', caller: '+4930555', caller_name: '=cmd|calc', called: '7001', trunk_id: 'carrier', flow_id: 'hist-demo', flow_version: 1, path: JSON.stringify(['start', 'beep', 'bye']), outcome: 'missed', channel_ids: '[]' },
      ])
      .execute();
  });

  afterAll(async () => {
    await web?.close();
  });

  it('filters on the server, pages by keyset and shows the outcome in words', async () => {
    await page.goto(`${web.server.server.url}/history`);
    await poll(() => page.getByRole('navigation').getByRole('link', { name: 'Anrufverlauf', exact: true }).count()).toBe(1);
    const table = page.getByRole('table');
    const rows = table.locator('tbody tr[data-id]');
    await poll(() => rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Nächste Seite' }).click();
    await poll(() => page.getByTestId('history-page').textContent()).toBe('Seite 2');
    await poll(() => rows.count()).toBe(11);
    await page.getByRole('button', { name: 'Vorherige Seite' }).click();
    await poll(() => rows.count()).toBe(50);

    const filters = page.getByRole('form', { name: 'Anrufe filtern' });
    await filters.getByLabel('Ergebnis').selectOption({ label: 'nicht angenommen (alle außer angenommen)' });
    await filters.getByRole('button', { name: 'Filtern' }).click();
    await poll(() => rows.count()).toBe(1);
    const missed = rows.first();
    expect(await missed.getAttribute('data-id')).toBe('in.1');
    expect(await missed.textContent()).toContain('verpasst');
    expect(await missed.textContent()).toContain('hist-demo v1');
    expect(await page.getByRole('button', { name: 'Nächste Seite' }).isDisabled()).toBe(true);
    const csv = await page.getByTestId('history-csv').getAttribute('href');
    expect(csv).toContain('outcome=missed%2Cabandoned%2Cvoicemail%2Cbusy%2Cfailed');
    expect(csv).toContain('lang=de');
    // The link as the browser would fetch it (its session cookie): the header in German, the formula defused.
    const download = await page.request.get(`${web.server.server.url}${csv}`);
    const text = await download.text();
    expect(text.split('\r\n')[0]).toContain('Beginn,Ende,Richtung');
    expect(text).toContain(",'=cmd|calc,");
    await web.shot('90-history');
  });

  it('opens the call\'s path on its flow\'s canvas at the version the call ran on, lit', async () => {
    await page.getByTestId('history-path').click();
    await poll(() => page.url()).toContain('/flows/hist-demo?version=1&path=start%2Cbeep%2Cbye');
    await poll(() => page.getByTestId('flow-version-shown').textContent()).toContain('Version 1');
    // Version 1 has no node `later` (the draft has).
    await poll(() => page.locator('.flow-node[data-node-id]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node-id')).sort())).toEqual(['beep', 'bye', 'start']);
    await poll(() => page.locator('.flow-node.visited').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node-id')).sort())).toEqual(['beep', 'start']);
    expect(await page.locator('.flow-node.active').getAttribute('data-node-id')).toBe('bye');
    expect(await page.locator('.react-flow__edge.taken').evaluateAll((edges) => edges.map((e) => e.getAttribute('data-testid')).sort())).toEqual(['rf__edge-beep:next->bye', 'rf__edge-start:next->beep']);
    await web.shot('91-history-path-on-canvas');
    expect(web.errors).toEqual([]);
  });
});
