import { sql, type Insertable, type Kysely } from 'kysely';
import type { CallHistoryTable, Database } from '../db/tables.js';

/**
 * Generated call history for benchmarks and UI tests: `count` calls spread over `days` days
 * before `end`, weighted to German office hours (Mon–Fri 8–18), from a fixed seed so two runs
 * fill the same rows. 40 extensions, 3 trunks, 2 queues, 3 flows whose paths end where the
 * outcome says.
 */
export interface GenerateOptions {
  count: number;
  /** Epoch ms the newest call starts before. Default 2026-12-01T00:00:00Z. */
  end?: number;
  days?: number;
  seed?: number;
}

const FLOWS: { id: string; version: number; path: string[]; branches: string[][] }[] = [
  { id: 'hotline', version: 3, path: ['start', 'hours', 'menu'], branches: [['sales', 'queue-sales'], ['support', 'queue-support'], ['vm', 'voicemail']] },
  { id: 'reception', version: 7, path: ['start', 'greeting'], branches: [['dial-reception'], ['closed', 'voicemail']] },
  { id: 'customer-lookup', version: 2, path: ['start', 'consent', 'lookup'], branches: [['known', 'dial-owner'], ['unknown', 'menu', 'queue-support']] },
];
const TRUNKS = ['carrier', 'telekom', 'sipgate'];
const QUEUES = ['sales', 'support'];
const OUTCOMES: [CallHistoryTable['outcome'], number][] = [['answered', 0.68], ['missed', 0.1], ['abandoned', 0.09], ['voicemail', 0.07], ['busy', 0.04], ['failed', 0.02]];

/** A small fast PRNG (mulberry32): the same seed gives the same calls. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function* generateCalls(options: GenerateOptions): Generator<Insertable<CallHistoryTable>> {
  const end = options.end ?? Date.parse('2026-12-01T00:00:00Z');
  const days = options.days ?? 365;
  const next = random(options.seed ?? 0x5eed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const extension = () => String(3000 + Math.floor(next() * 40));
  const external = () => `+4930${String(Math.floor(next() * 1e7)).padStart(7, '0')}`;
  // Start times first, in order: rows arrive as Asterisk would write them (and the indexes fill fast).
  const starts = new Float64Array(options.count);
  for (let i = 0; i < options.count; i++) {
    // A working day and hour (UTC 7–17 is 8–18 in Berlin's winter), some calls at night and weekends.
    let day = Math.floor(next() * days);
    const offHours = next() < 0.08;
    if (!offHours) while (new Date(end - (day + 1) * 86_400_000).getUTCDay() % 6 === 0) day = Math.floor(next() * days);
    const hour = offHours ? Math.floor(next() * 24) : 7 + Math.floor(next() * 10);
    starts[i] = end - (day + 1) * 86_400_000 + hour * 3_600_000 + Math.floor(next() * 3_600_000);
  }
  starts.sort();
  for (let i = 0; i < options.count; i++) {
    const started = starts[i]!;
    let roll = next();
    const outcome = OUTCOMES.find(([, share]) => (roll -= share) < 0)?.[0] ?? 'answered';
    const kind = next();
    const direction: CallHistoryTable['direction'] = kind < 0.55 ? 'inbound' : kind < 0.8 ? 'outbound' : 'internal';
    const flow = direction === 'inbound' && next() < 0.8 ? pick(FLOWS) : undefined;
    const branch = flow ? pick(flow.branches) : undefined;
    const queue = branch?.some((node) => node.startsWith('queue-')) ? pick(QUEUES) : undefined;
    const wait = queue ? Math.floor(next() * 120_000) : outcome === 'answered' ? Math.floor(next() * 20_000) : null;
    const answered = outcome === 'answered';
    const talk = answered ? 10_000 + Math.floor(next() * 600_000) : 0;
    const answeredAt = answered ? started + (wait ?? 0) + 2_000 : null;
    const ended = started + (wait ?? 5_000) + talk + (outcome === 'voicemail' ? 30_000 : 2_000);
    const caller = direction === 'inbound' ? external() : extension();
    const called = direction === 'outbound' ? external() : direction === 'inbound' ? `+49301234${pick(['500', '501', '599'])}` : extension();
    const linkedid = `${Math.floor(started / 1000)}.${i}`;
    yield {
      linkedid,
      started_at: started,
      answered_at: answeredAt,
      ended_at: ended,
      direction,
      caller,
      caller_name: direction === 'inbound' ? '' : `Mitarbeiter ${caller}`,
      called,
      trunk_id: direction === 'internal' ? null : pick(TRUNKS),
      flow_id: flow?.id ?? null,
      flow_version: flow?.version ?? null,
      path: flow ? JSON.stringify([...flow.path, ...(outcome === 'abandoned' ? branch!.slice(0, 1) : branch!)]) : null,
      answered_by: answered ? (direction === 'outbound' ? called : extension()) : null,
      queue_id: queue ?? null,
      wait_ms: wait,
      talk_ms: talk,
      outcome,
      voicemail_box: outcome === 'voicemail' ? extension() : null,
      transferred_to: answered && next() < 0.05 ? extension() : null,
      channel_ids: JSON.stringify([linkedid, `${Math.floor(started / 1000)}.${i + 1}`]),
    };
  }
}

/** Inserts `options.count` generated calls in transactions of 10,000. */
export async function insertGeneratedCalls(db: Kysely<Database>, options: GenerateOptions): Promise<void> {
  const { rows: [before] } = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  await sql`pragma cache_size = -262144`.execute(db); // 256 MB while filling: seven indexes of a million rows
  let batch: Insertable<CallHistoryTable>[] = [];
  const flush = async () => {
    const rows = batch;
    batch = [];
    await db.transaction().execute(async (tx) => {
      // 20 columns: 40 rows per statement stay under SQLite's 999 bound parameters of old builds.
      for (let i = 0; i < rows.length; i += 40) await tx.insertInto('call_history').values(rows.slice(i, i + 40)).execute();
    });
  };
  for (const row of generateCalls(options)) {
    batch.push(row);
    if (batch.length === 10_000) await flush();
  }
  if (batch.length > 0) await flush();
  await sql.raw(`pragma cache_size = ${Number(before?.cache_size ?? -2000)}`).execute(db); // the server's own again
}
