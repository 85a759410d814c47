/** Hono context variables set by our middleware. */
export interface AppEnv {
  Variables: { actor: string };
}
