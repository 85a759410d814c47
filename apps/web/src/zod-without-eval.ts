/**
 * Zod compiles a fast parser for each object schema with `new Function`, and probes once whether
 * it may by calling `Function('')`. The server's Content-Security-Policy allows no eval
 * (apps/server/src/http/security-headers.ts), so that probe is a CSP violation in the browser.
 * Jitless, zod parses with its interpreter instead. Zod reads the setting when a schema is built,
 * so this module is imported first, before anything that builds schemas (the flow package does at
 * import), by the page (main.tsx) and by every worker that parses flows.
 */
import { z } from 'zod';

z.config({ jitless: true });
