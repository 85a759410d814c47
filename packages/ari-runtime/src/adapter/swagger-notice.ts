import 'ari-client';

/**
 * ari-client's swagger-client (2.0) assigns an undeclared global `log` when it loads, which prints
 * "This API is using a deprecated version of Swagger!" on every connect (ARI still describes itself
 * in Swagger 1.2; nothing for the admin to do) and keeps every message it was given in
 * `log.history` for good. The same global, minus that notice and the history; swagger-client's
 * other messages still go to the console. Imported for this effect, after ari-client has loaded.
 */
const SWAGGER_NOTICE = 'This API is using a deprecated version of Swagger!';
const leaked = globalThis as { log?: unknown };
if (typeof leaked.log === 'function') {
  leaked.log = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(SWAGGER_NOTICE)) return;
    console.log(args);
  };
}
