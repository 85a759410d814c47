import type { Kysely } from 'kysely';
import { isoInZone, localTime } from '@stumpfworks/flow';
import type { Database } from '../db/tables.js';
import { aggregate, type Analytics, type FunnelNode } from './aggregate.js';
import { hourRows, keysBetween, partyRows, pathRows, type KeyCount } from './analytics.repository.js';
import { addDays, localHours, type Granularity } from './local-hours.js';

/** How long node visits (and so the keys pressed) are kept: traffic/visit-store.ts's default. */
export const KEYS_KEPT_MS = 7 * 24 * 3_600_000;

export interface AnalyticsRequest {
  from?: string | undefined;
  to?: string | undefined;
  granularity: Granularity;
  serviceLevelSeconds: number;
  timeZone: string;
}

export interface AnalyticsReport extends Omit<Analytics, 'funnels'> {
  from: string;
  to: string;
  timeZone: string;
  granularity: Granularity;
  serviceLevelSeconds: number;
  start: string;
  end: string;
  funnels: Array<Omit<Analytics['funnels'][number], 'nodes'> & { nodes: Array<FunnelNode & { keys: Array<{ digits: string; calls: number }> }> }>;
  keysSince: string;
}

/** The keys of each node of a funnel, by flow, version and node. */
function keysByNode(keys: KeyCount[]): Map<string, Array<{ digits: string; calls: number }>> {
  const byNode = new Map<string, Array<{ digits: string; calls: number }>>();
  for (const key of keys) {
    const id = `${key.flowId}\u0000${key.flowVersion}\u0000${key.nodeId}`;
    byNode.set(id, [...(byNode.get(id) ?? []), { digits: key.digits, calls: key.calls }]);
  }
  return byNode;
}

/**
 * The analytics of the days `from`..`to` in the request's time zone (default: the seven days up to
 * today): the calls from call_history, counted by SQLite in three grouped scans of the started_at
 * index (by hour; by extension, trunk and queue; by path), then summed into buckets, the heatmap
 * and the tables here; the keys from node_visits (kept 7 days, so counted from the later of the
 * range's start and a week before `now`).
 */
export async function analyticsOf(db: Kysely<Database>, request: AnalyticsRequest, now = Date.now()): Promise<AnalyticsReport> {
  const { timeZone, granularity } = request;
  const to = request.to ?? localTime(new Date(now), timeZone).date;
  const from = request.from ?? addDays(to, -6);
  const hours = localHours(from, to, timeZone);
  const start = hours.starts[0] ?? hours.end;
  const threshold = request.serviceLevelSeconds * 1000;
  const input = {
    hours: await hourRows(db, start, hours.end, threshold),
    parties: await partyRows(db, start, hours.end, threshold),
    paths: await pathRows(db, start, hours.end),
  };
  const figures = aggregate(input, hours, { granularity, timeZone });
  const keysSince = Math.min(hours.end, Math.max(start, now - KEYS_KEPT_MS));
  const keys = keysByNode(await keysBetween(db, new Date(keysSince).toISOString(), new Date(hours.end).toISOString()));
  return {
    from,
    to,
    timeZone,
    granularity,
    serviceLevelSeconds: request.serviceLevelSeconds,
    start: isoInZone(new Date(start), timeZone),
    end: isoInZone(new Date(hours.end), timeZone),
    ...figures,
    funnels: figures.funnels.map((funnel) => ({
      ...funnel,
      nodes: funnel.nodes.map((node) => ({ ...node, keys: keys.get(`${funnel.flowId}\u0000${funnel.flowVersion}\u0000${node.nodeId}`) ?? [] })),
    })),
    keysSince: isoInZone(new Date(keysSince), timeZone),
  };
}
