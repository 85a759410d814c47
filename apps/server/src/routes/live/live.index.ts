import { streamSSE } from 'hono/streaming';
import { inScope, scopedQueues } from '../../auth/operator-scope.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../http/app-env.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import { LiveFeed } from '../../live/live-feed.js';
import * as routes from './live.routes.js';
import { LiveCallSchema, LiveEndpointsSchema, LiveSnapshotSchema } from './live.schema.js';

/** A heartbeat comment this often keeps proxies (and the browser) from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** A stream ends after this long; the browser reconnects, so a revoked session stops seeing calls. */
const MAX_STREAM_MS = 15 * 60_000;

/** GET /live: the live monitor over Server-Sent Events (live/live-monitor.ts keeps the state). */
export function liveRouter({ db, live }: Pick<AppDeps, 'db' | 'live'>) {
  const router = createRouter();
  // The stream's messages are JSON of these shapes: in the spec, so that the web app has their types.
  router.openAPIRegistry.register('LiveCall', LiveCallSchema);
  router.openAPIRegistry.register('LiveEndpoints', LiveEndpointsSchema);
  router.openAPIRegistry.register('LiveSnapshot', LiveSnapshotSchema);

  router.openapi(routes.live, async (c) => {
    if (!live) throw new AppError('asterisk-unavailable', say({ de: 'Keine Verbindung zu Asterisk eingerichtet', en: 'no Asterisk connection configured' }));
    const monitor = live;
    const scope = await scopedQueues(db, c.get('actor'));
    const feed = new LiveFeed(() => monitor.snapshot(), (call) => call.queue === undefined || inScope(scope, call.queue));
    c.header('X-Accel-Buffering', 'no'); // nginx: pass each event on at once
    return streamSSE(c, async (stream) => {
      const ended = new AbortController();
      const unsubscribe = monitor.subscribe((change) => (change.type === 'stop' ? ended.abort() : feed.push(change)));
      stream.onAbort(() => ended.abort());
      const deadline = setTimeout(() => ended.abort(), MAX_STREAM_MS);
      try {
        await stream.write('retry: 2000\n\n');
        while (!ended.signal.aborted) {
          const message = await feed.next(HEARTBEAT_MS, ended.signal);
          if (ended.signal.aborted) break;
          if (message) await stream.writeSSE({ event: message.event, data: JSON.stringify(message.data) });
          else await stream.write(': heartbeat\n\n');
        }
      } finally {
        clearTimeout(deadline);
        unsubscribe();
      }
    }) as never;
  });
  return router;
}
