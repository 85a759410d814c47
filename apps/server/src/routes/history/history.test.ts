import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, type SessionClient } from '../../auth/session-client.js';
import type { CallHistoryTable } from '../../db/tables.js';
import { csvCell } from '../../history/history-csv.js';
import { HistoryRetention } from '../../history/retention.js';
import { must, startTestServer, type TestServer } from '../../testing.js';

const T0 = Date.parse('2026-11-02T09:00:00Z');
const MIN = 60_000;

/** A call with what a test does not care about filled in. */
function call(linkedid: string, fields: Partial<Insertable<CallHistoryTable>> = {}): Insertable<CallHistoryTable> {
  const started = fields.started_at ?? T0;
  return {
    linkedid,
    started_at: started,
    answered_at: null,
    ended_at: started + MIN,
    direction: 'internal',
    caller: '1000',
    caller_name: 'Anna',
    called: '1001',
    talk_ms: 0,
    outcome: 'missed',
    channel_ids: JSON.stringify([`${linkedid}`]),
    ...fields,
  };
}

interface Call { id: string; caller: string; outcome: string; path: string[]; flow: { id: string; version: number | null } | null; recordings: { id: number; href: string }[]; voicemail: { box: string; href: string } | null; talkMs: number; waitMs: number | null }
interface Page { calls: Call[]; next: string | null }
const ids = (page: Page) => page.calls.map((c) => c.id);

describe('/history (real server, real SQLite)', () => {
  let t: TestServer;
  let operator: SessionClient;

  /** Every page of `query`, following `next` (at most 50 pages: a broken cursor must not loop). */
  const allPages = async (query: string, client: { api: TestServer['api'] } = t) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: Page = await must(client.api(`/history?${query}${cursor ? `&cursor=${cursor}` : ''}`), `page ${i}`);
      seen.push(...ids(page));
      cursor = page.next;
      if (!cursor) return seen;
    }
    throw new Error('more than 50 pages');
  };

  beforeAll(async () => {
    t = await startTestServer();
    await t.server.db
      .insertInto('call_history')
      .values([
        call('c1', { started_at: T0, direction: 'inbound', caller: '+4930111222', called: '+49301234500', trunk_id: 'carrier', flow_id: 'hotline', flow_version: 3, path: JSON.stringify(['start', 'menu', 'queue-sales']), queue_id: 'sales', answered_by: '1002', wait_ms: 20_000, talk_ms: 90_000, answered_at: T0 + 22_000, outcome: 'answered', channel_ids: JSON.stringify(['c1', 'c1.2']) }),
        call('c2', { started_at: T0 + 10 * MIN, direction: 'inbound', caller: '+4989555', caller_name: '=HYPERLINK("http://x","y")', called: '+49301234500', trunk_id: 'telekom', flow_id: 'hotline', flow_version: 4, path: JSON.stringify(['start', 'vm']), outcome: 'voicemail', voicemail_box: '1001' }),
        call('c3', { started_at: T0 + 20 * MIN, direction: 'outbound', caller: '1002', called: '+4930999', trunk_id: 'carrier', answered_by: '+4930999', talk_ms: 30_000, outcome: 'answered' }),
        call('c4', { started_at: T0 + 30 * MIN, caller: '1000', called: '1002', outcome: 'busy' }),
        call('c5', { started_at: T0 + 40 * MIN, caller: '1003', called: '1000', outcome: 'abandoned' }),
      ])
      .execute();
    // Seven calls in the same millisecond: the keyset must order them by linkedid, and lose none.
    await t.server.db.insertInto('call_history').values(['s1', 's2', 's3', 's4', 's5', 's6', 's7'].map((id, i) => call(id, { started_at: T0 + 60 * MIN, caller: '1009', called: '1008', talk_ms: i % 2 === 0 ? 5000 : 7000, outcome: 'failed' }))).execute();
    await t.server.db.insertInto('recordings').values({ call_id: 'c1.2', started_at: new Date(T0).toISOString(), caller: '+4930111222', callee: '1002', direction: 'inbound', kind: 'always', duration_ms: 1000, size_bytes: 100, file: 'always-c1.wav' }).execute();

    await t.ok('/extensions', { method: 'POST', json: { id: '1001', name: 'Ben', voicemail: { enabled: true, pin: '1234' } } }, 201);
    await t.ok('/queues', { method: 'POST', json: { id: 'sales', name: 'Sales' } }, 201);
    const user = await t.ok<{ id: string }>('/users', { method: 'POST', json: { username: 'olga', role: 'operator', password: 'one-time-pass-1' } }, 201);
    const first = await logIn(t, 'olga', 'one-time-pass-1');
    await must(first.api('/auth/password', { method: 'PUT', json: { currentPassword: 'one-time-pass-1', newPassword: 'operator-password-1' } }), 'set own password');
    operator = await logIn(t, 'olga', 'operator-password-1');
    await t.ok(`/users/${user.id}/assignment`, { method: 'PUT', json: { queues: ['sales'], mailboxes: ['1001'] } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('lists newest first and filters by time, number prefix, extension, direction, outcomes, flow, queue and trunk', async () => {
    expect((await allPages('')).slice(-5)).toEqual(['c5', 'c4', 'c3', 'c2', 'c1']);
    expect(await allPages(`from=${new Date(T0 + 5 * MIN).toISOString()}&to=${new Date(T0 + 25 * MIN).toISOString()}`)).toEqual(['c3', 'c2']);
    expect(await allPages('number=%2B4930')).toEqual(['c3', 'c2', 'c1']);
    expect(await allPages('number=%2B49891')).toEqual([]);
    expect(await allPages('extension=1002')).toEqual(['c4', 'c3', 'c1']);
    expect(await allPages('extension=1000')).toEqual(['c5', 'c4']);
    expect(await allPages('direction=inbound')).toEqual(['c2', 'c1']);
    expect(await allPages('outcome=busy,abandoned')).toEqual(['c5', 'c4']);
    expect(await allPages('flow=hotline&outcome=voicemail')).toEqual(['c2']);
    expect(await allPages('queue=sales')).toEqual(['c1']);
    expect(await allPages('trunk=carrier')).toEqual(['c3', 'c1']);
    expect(await allPages('dir=asc&outcome=answered,voicemail')).toEqual(['c1', 'c2', 'c3']);
  });

  it('pages by keyset: calls with equal times in linkedid order, none twice, none lost, in every sort', async () => {
    expect(await allPages('outcome=failed&limit=2')).toEqual(['s7', 's6', 's5', 's4', 's3', 's2', 's1']);
    expect(await allPages('outcome=failed&limit=3&dir=asc')).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 's7']);
    expect(await allPages('outcome=failed&limit=2&sort=talkMs')).toEqual(['s6', 's4', 's2', 's7', 's5', 's3', 's1']);
    // Calls without a wait sort as no wait (first ascending).
    expect((await allPages('limit=4&sort=waitMs&dir=asc')).at(-1)).toBe('c1');
    const all = await allPages('limit=1');
    expect([all.length, new Set(all).size]).toEqual([12, 12]);
  });

  it('shows each call with its flow, version, path and links to its recordings and mailbox', async () => {
    const page = await t.ok<Page>('/history?direction=inbound');
    const [c2, c1] = page.calls;
    expect(c1).toMatchObject({ id: 'c1', flow: { id: 'hotline', version: 3 }, path: ['start', 'menu', 'queue-sales'], waitMs: 20_000, talkMs: 90_000, voicemail: null });
    expect(c1!.recordings).toHaveLength(1);
    expect(c1!.recordings[0]!.href).toBe(`/api/v1/recordings/${c1!.recordings[0]!.id}`);
    expect(c2).toMatchObject({ outcome: 'voicemail', recordings: [], voicemail: { box: '1001', href: '/api/v1/voicemail/1001/messages' } });
    expect(page.next).toBeNull();
  });

  it('refuses bad parameters with 422 and the field paths, in the caller\'s language', async () => {
    const bad = await t.api('/history?outcome=answered,lost&number=1;2&from=yesterday&limit=500&cursor=xyz&extension=1&sort=name', { headers: { 'accept-language': 'de' } });
    expect(bad.status).toBe(422);
    const issues = (await bad.json()).error.issues as Array<{ path: string; message: string }>;
    expect(issues.map((i) => i.path).sort()).toEqual(['cursor', 'extension', 'from', 'limit', 'number', 'outcome[1]', 'sort']);
    expect(issues.find((i) => i.path === 'cursor')!.message).toContain('Kein Cursor');
    const csv = await t.api('/history.csv?direction=sideways');
    expect(csv.status).toBe(422);
  });

  it('exports every match as CSV with a header in the caller\'s language, formulas defused', async () => {
    const de = await t.api('/history.csv?direction=inbound', { headers: { 'accept-language': 'de' } });
    expect([de.status, de.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    const bytes = new Uint8Array(await de.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM, so Excel reads UTF-8
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toMatch(/^Beginn,Ende,Richtung,Anrufer,Anrufername,Angerufen,Ergebnis,/);
    expect(lines).toHaveLength(4); // header, two calls, the empty string after the last CRLF
    expect(lines[1]).toContain(',"\'=HYPERLINK(""http://x"",""y"")",');
    expect(lines[1]).toContain(',Mailbox,');
    expect(lines[2]).toContain(',+4930111222,');
    const text = await (await t.api('/history.csv?outcome=failed')).text();
    expect(text.split('\r\n')[0]).toMatch(/^Started,Ended,Direction,/);
    expect(text.split('\r\n').filter((l) => l.includes(',failed,'))).toHaveLength(7);
    // A download link cannot send Accept-Language: `lang` chooses.
    expect((await (await t.api('/history.csv?outcome=failed&lang=de')).text()).split('\r\n')[1]).toContain(',fehlgeschlagen,');
  });

  it('defuses every cell a spreadsheet would read as a formula', () => {
    for (const value of ['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\t=1', '\r=1']) expect(csvCell(value).replace(/^"/, '').startsWith("'")).toBe(true);
    expect([csvCell('+4930123'), csvCell('Anna'), csvCell('a,b'), csvCell('say "hi"')]).toEqual(['+4930123', 'Anna', '"a,b"', '"say ""hi"""']);
  });

  it('shows an operator only the calls of their mailboxes\' extensions (or reaching their mailboxes) and their queues, in the page and the CSV', async () => {
    // c1 went through their queue, c2 reached their mailbox; 1001's other calls are none here.
    expect(await allPages('', operator)).toEqual(['c2', 'c1']);
    expect(await allPages('extension=1000', operator)).toEqual([]);
    const csv = await (await operator.api('/history.csv')).text();
    expect(csv.split('\r\n').filter((l) => l.length > 0)).toHaveLength(3);
  });

  it('keeps the history its retention days (settings section history, default 90) and prunes what is older', async () => {
    expect(await t.ok('/settings/history')).toEqual({ retentionDays: 90 });
    await t.ok('/settings/history', { method: 'PUT', json: { retentionDays: 30 } });
    const lines: string[] = [];
    // "Now" 30 days and 35 minutes after T0: c1 to c4 started before the cut, c5 and the s calls after.
    const retention = new HistoryRetention({ db: t.server.db, log: (l) => lines.push(l), now: () => T0 + 30 * 86_400_000 + 35 * MIN });
    await retention.prune();
    expect(lines).toEqual(['[history] deleted 4 call(s) older than 30 days']);
    expect((await allPages('')).slice(-1)).toEqual(['c5']);
    const refused = await t.api('/settings/history', { method: 'PUT', json: { retentionDays: 0 } });
    expect(refused.status).toBe(422);
  });
});
