import { parseEnv } from './env.js';
import { StartRefused } from './instance/start-refused.js';
import { startServer } from './server.js';

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(`[server] ${parsed.message}`);
  process.exit(2);
}
const running = await startServer(parsed.env).catch((error: unknown) => {
  if (!(error instanceof StartRefused)) throw error;
  console.error(`[server] ${error.message}`);
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`[server] shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  });
}
