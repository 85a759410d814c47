export { createApp, type AppDeps } from './app.js';
export { startServer, type RunningServer } from './server.js';
export { parseEnv, type Env } from './env.js';
