import { parseEnv } from './env.js';
import { startServer } from './server.js';

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(`[server] ${parsed.message}`);
  process.exit(2);
}
const running = await startServer(parsed.env);
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
