/**
 * `pnpm bench traffic`: the canvas's traffic (GET /flows/{id}/traffic/canvas) over a full table:
 * 200,000 node visits (the store's limit), all of one flow version in the last 7 days, about 57,000
 * calls of a menu flow (start, menu, a key's branch, hangup; one in ten hangs up in the menu).
 * The worst case: every stored visit is in the range. Prints the median of 7 runs of the queries
 * and the counting the route does, and the same with 50 live calls to place (in memory).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '../apps/server/src/db/database.js';
import type { NewNodeVisit } from '../apps/server/src/db/tables.js';
import { keptSince, stepGroups, type VersionRange } from '../apps/server/src/traffic/canvas.repository.js';
import { CallSteps } from '../apps/server/src/traffic/call-steps.js';
import { canvasTraffic } from '../apps/server/src/traffic/canvas-traffic.js';
import { menuFlow } from '../tests/support/menu-flow.js';
import { median, report, timeRuns } from './stats.js';

const VISITS = 200_000;
const WEEK = 7 * 24 * 3600_000;

export async function benchTraffic(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'swf-bench-traffic-'));
  const db = openDatabase(dir);
  try {
    await migrateToLatest(db);
    const now = Date.now();
    const rows: NewNodeVisit[] = [];
    const callIds: string[] = [];
    const steps = new CallSteps(); // what the VisitStore does with each visit
    for (let call = 0; rows.length < VISITS; call++) {
      const id = randomUUID();
      callIds.push(id);
      const t = now - WEEK + Math.floor((rows.length / VISITS) * (WEEK - 60_000));
      const key = call % 10 === 9 ? undefined : call % 3 === 0 ? '2' : '1';
      const path: Array<[string, string | null]> = key === undefined ? [['start', null], ['menu', null]] : key === '1' ? [['start', null], ['menu', null], ['beep', '1'], ['bye1', null]] : [['start', null], ['menu', null], ['bye2', '2']];
      path.forEach(([node, digits], i) => {
        const { prev, revisit } = steps.step(id, 'ivr', 3, node);
        rows.push({ flow_id: 'ivr', flow_version: 3, node_id: node, call_id: id, time: new Date(t + i * 4000).toISOString(), digits, engine: call % 2 ? 'ari' : 'dialplan', prev_node_id: prev, revisit: revisit ? 1 : 0 });
      });
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < VISITS; i += 500) await trx.insertInto('node_visits').values(rows.slice(i, i + 500)).execute();
    });
    const graph = menuFlow('ivr', '7200');
    const range: VersionRange = { flowId: 'ivr', version: 3, from: new Date(now - WEEK - 1000).toISOString(), to: new Date(now + 1).toISOString() };
    const count = async (live: string[]) => {
      await keptSince(db);
      return canvasTraffic(graph, await stepGroups(db, range), steps.at('ivr', 3, live));
    };
    const result = await count([]);
    if (result.calls !== callIds.length) throw new Error(`counted ${result.calls} calls of ${callIds.length}`);
    report('traffic_visits', VISITS, 0);
    report('traffic_week_ms', median(await timeRuns(7, () => count([]))));
    report('traffic_week_50_live_ms', median(await timeRuns(7, () => count(callIds.slice(-50)))));
    const hour: VersionRange = { ...range, from: new Date(now - 3600_000).toISOString() };
    report('traffic_hour_ms', median(await timeRuns(7, async () => canvasTraffic(graph, await stepGroups(db, hour), new Map()))));
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
