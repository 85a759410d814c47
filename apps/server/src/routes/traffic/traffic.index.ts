import type { AppDeps } from '../../http/app-env.js';
import { AppError } from '../../errors.js';
import { createRouter } from '../../http/openapi.js';
import { noSuch } from '../../resources/resource-names.js';
import { countCalls, countsByNode, lastVisits } from '../../traffic/visits.repository.js';
import { getFlow } from '../../flows/flows.repository.js';
import { traffic } from './traffic.routes.js';

/** GET /flows/{id}/traffic: node visits of live calls, for the canvas. */
export function trafficRouter(deps: Pick<AppDeps, 'db' | 'visits'>) {
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
  return router;
}
