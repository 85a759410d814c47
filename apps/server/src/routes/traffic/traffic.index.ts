import type { AppDeps } from '../../http/app-env.js';
import { AppError } from '../../errors.js';
import { createRouter } from '../../http/openapi.js';
import { noSuch } from '../../resources/resource-names.js';
import { countCalls, countsByNode, lastVisits } from '../../traffic/visits.repository.js';
import { getFlow, getVersion, listVersions } from '../../flows/flows.repository.js';
import { canvasTraffic, traffic } from './traffic.routes.js';
import { canvasTraffic as countTraffic, type TrafficGraph } from '../../traffic/canvas-traffic.js';
import { keptSince, stepGroups } from '../../traffic/canvas.repository.js';

/** GET /flows/{id}/traffic: node visits of live calls, for the canvas. */
export function trafficRouter(deps: Pick<AppDeps, 'db' | 'visits' | 'asterisk'>) {
  const router = createRouter();
  router.openapi(traffic, async (c) => {
    const { id } = c.req.valid('param');
    const { minutes, last } = c.req.valid('query');
    if (!(await getFlow(deps.db, id))) throw new AppError('not-found', noSuch('flow', id));
    await deps.visits?.flush(); // visits of the last moments are still buffered
    const now = Date.now();
    const to = new Date(now + 1).toISOString(); // the window includes this millisecond
    const from = new Date(now - minutes * 60_000).toISOString();
    const rows = await lastVisits(deps.db, id, from, to, last);
    return c.json(
      {
        flowId: id,
        from,
        to,
        calls: await countCalls(deps.db, id, from, to),
        nodes: await countsByNode(deps.db, id, from, to),
        last: rows.map((r) => ({
          nodeId: r.node_id,
          callId: r.call_id,
          time: r.time,
          flowVersion: r.flow_version,
          engine: r.engine,
          ...(r.digits !== null ? { digits: r.digits } : {}),
        })),
      },
      200,
    );
  });

  router.openapi(canvasTraffic, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const flow = await getFlow(deps.db, id);
    if (!flow) throw new AppError('not-found', noSuch('flow', id));
    await deps.visits?.flush();
    const to = query.to ?? new Date(Date.now() + 1).toISOString(); // the window includes this millisecond
    const from = query.from ?? new Date(Date.parse(to) - query.minutes * 60_000).toISOString();
    const versions = (await listVersions(deps.db, id)).map((v) => v.version);
    const version = query.version ?? flow.published_version ?? versions[0] ?? 1;
    const range = { flowId: id, version, from, to };
    const live = await liveCallIds(deps.asterisk);
    const counted = countTraffic(await graphOf(deps.db, id, version, flow.draft), await stepGroups(deps.db, range), live && deps.visits?.at ? deps.visits.at(id, version, live) : new Map());
    return c.json({ flowId: id, version, liveVersion: flow.published_version, versions, keptSince: await keptSince(deps.db), from, to, activeKnown: live !== undefined, ...counted }, 200);
  });
  return router;
}

/**
 * The ids of the channels up now (a visit's call id is its flow leg's channel id): none without
 * Asterisk; undefined when Asterisk does not answer, so the answer says it could not tell.
 */
async function liveCallIds(asterisk: AppDeps['asterisk']): Promise<string[] | undefined> {
  if (!asterisk) return [];
  try {
    const { status, body } = await asterisk.ari.request('GET', '/channels');
    return status === 200 ? (body as Array<{ id: string }>).map((ch) => ch.id) : undefined;
  } catch (error) {
    console.error(`[traffic] the live calls could not be asked from Asterisk: ${(error as Error).message}`);
    return undefined;
  }
}

/** The graph of the version the visits were taken on; the draft's when that version is not stored (visits of a flow never published through the API). */
async function graphOf(db: AppDeps['db'], flowId: string, version: number, draft: string): Promise<TrafficGraph> {
  const row = await getVersion(db, flowId, version);
  const document = JSON.parse(row?.document ?? draft) as Partial<TrafficGraph>;
  return { nodes: document.nodes ?? [], edges: document.edges ?? [] };
}
