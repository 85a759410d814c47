import { parseEnv } from './env.js';
import { StartRefused } from './instance/start-refused.js';
import { serveWithRestarts } from './instance/restart-loop.js';

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(`[server] ${parsed.message}`);
  process.exit(2);
}
const fail = (error: Error) => {
  console.error(`[server] ${error.message}`);
  process.exit(1);
};
// Restarts in-process when an admin asks (POST /api/v1/restart, e.g. after a restore was staged);
// a restart that cannot start again ends the process with 1, for a supervisor to start it afresh.
const loop = await serveWithRestarts(parsed.env, { onFatal: fail }).catch((error: unknown) => {
  if (!(error instanceof StartRefused)) throw error;
  return fail(error);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    loop.stop().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`[server] shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  });
}
