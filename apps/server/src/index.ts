export { createApp } from './app.js';
export type { AppDeps } from './http/app-env.js';
export { startServer, type RunningServer } from './server.js';
export { parseEnv, type Env } from './env.js';
