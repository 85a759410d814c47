import { OpenAPIHono } from '@hono/zod-openapi';
import { AuditLog } from './audit/audit-log.js';
import { auditMiddlewares } from './audit/audit.middleware.js';
import { HTTPException } from 'hono/http-exception';
import { authenticate as authenticateWith, type AuthLimits } from './auth/authenticate.middleware.js';
import { requireRoles } from './auth/role.middleware.js';
import { AUTH_FAILURE_DEFAULTS, FailureLimiter } from './auth/failure-limiter.js';
import { AppError, errorBody } from './errors.js';
import type { AppDeps, AppEnv } from './http/app-env.js';
import { BACKUP_UPLOAD_LIMIT_BYTES, BODY_LIMIT_BYTES, bodyLimits, PROMPT_AUDIO_LIMIT_BYTES } from './http/body-limit.js';
import { clientAddress, forwardedHttps, overTls } from './http/client-address.js';
import { securityHeaders } from './http/security-headers.js';
import { readSection } from './settings/index.js';
import { httpsSection } from './settings/https.settings.js';
import { httpsMiddleware } from './tls/https.middleware.js';
import { languageMiddleware, localiseZodMessages, say } from './http/language.js';
import { auditRouter } from './routes/audit/audit.index.js';
import { analyticsRouter } from './routes/analytics/analytics.index.js';
import { recordingsRouter } from './routes/recordings/recordings.index.js';
import { historyRouter } from './routes/history/history.index.js';
import { alertsRouter } from './routes/alerts/alerts.index.js';
import { authRouter } from './routes/auth/auth.index.js';
import { backupsRouter } from './routes/backups/backups.index.js';
import { callsRouter } from './routes/calls/calls.index.js';
import { liveRouter } from './routes/live/live.index.js';
import { docsRouter } from './routes/docs/docs.index.js';
import { healthRouter, runtimeRouter } from './routes/health/health.index.js';
import { httpsRouter } from './routes/https/https.index.js';
import { metricsRouter } from './routes/metrics/metrics.index.js';
import { conferencesRouter } from './routes/conferences/conferences.index.js';
import { extensionsRouter } from './routes/extensions/extensions.index.js';
import { flowsRouter } from './routes/flows/flows.index.js';
import { promptsRouter } from './routes/prompts/prompts.index.js';
import { publishRouter } from './routes/publish/publish.index.js';
import { queuesRouter } from './routes/queues/queues.index.js';
import { restartRouter } from './routes/restart/restart.index.js';
import { voicemailRouter } from './routes/voicemail/voicemail.index.js';
import { outboxRouter } from './routes/voicemail-mail/outbox.index.js';
import { securityRouter } from './routes/security/security.index.js';
import { settingsRouter } from './routes/settings/settings.index.js';
import { callRoutesRouter } from './routes/call-routes/call-routes.index.js';
import { trafficRouter } from './routes/traffic/traffic.index.js';
import { tokensRouter } from './routes/tokens/tokens.index.js';
import { trunksRouter } from './routes/trunks/trunks.index.js';
import { usersRouter } from './routes/users/users.index.js';
import { webRouter } from './routes/web/web.index.js';

/**
 * The public parts of the API: the reference page and its own script and styles (no data; a
 * browser cannot send a bearer on navigation), and the login (it guards itself with the same
 * per-address limit).
 */
const PUBLIC_API_PATHS = new Set(['/api/v1/docs', '/api/v1/docs/reference.js', '/api/v1/docs/reference.css', '/api/v1/auth/login']);

/** Writes that change nothing a publish builds from: publishes themselves, logins, users, tokens, backups (a restore goes in place at the next start), the HTTPS certificate, alert settings, the restart. */
const NOT_CONFIGURATION = /^\/api\/v1\/(publish|auth|users|tokens|backups|https|alerts|restart|recordings)(\/|$)/;

/** What the spec says about the limits (its info.description). */
function limitsDescription(failures: number, windowSeconds: number): string {
  return [
    `Bodies: JSON (and any other body) at most ${BODY_LIMIT_BYTES} bytes (1 MB), prompt audio (PUT /prompts/{id}/audio) at most ${PROMPT_AUDIO_LIMIT_BYTES} bytes (20 MB), a backup to restore (POST /backups/restore) at most ${BACKUP_UPLOAD_LIMIT_BYTES} bytes (64 GB); a larger one gets 413 \`payload-too-large\` before it is read whole.`,
    `Failed authentication: after ${failures} answers 401 to one address within ${windowSeconds} s, every request from it gets 429 \`too-many-requests\` with Retry-After (seconds) until that window has passed.`,
  ].join('\n\n');
}

/** The whole HTTP app, shared by the server and the tests. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  localiseZodMessages();
  const app = new OpenAPIHono<AppEnv>();
  // First: every message after it (zod's, ours) is in the language the caller asks for.
  app.use('*', languageMiddleware());
  // Then HTTPS: plain HTTP redirected when the setting says so (before the security headers: a
  // bodiless 308 needs none, and Chromium warns of a COOP header over plain HTTP), HSTS over TLS on
  // a CA's certificate.
  if (deps.https) {
    const https = deps.https;
    app.use('*', httpsMiddleware({ port: https.port, trusted: () => !https.certificate.info.selfSigned, redirect: async () => (await readSection(deps.db, httpsSection)).redirectHttp }));
  }
  // Then the security headers, set on whatever answer comes back, errors included.
  app.use('*', securityHeaders());
  app.onError((error, c) => {
    if (error instanceof AppError) return c.json(errorBody(error), error.status);
    // Hono's body parsers: a body that does not parse as its Content-Type says (an empty JSON body too).
    if (error instanceof HTTPException && error.status === 400) {
      const text = /JSON/.test(error.message)
        ? {
            de: 'Der Inhalt der Anfrage ist kein gültiges JSON (Content-Type: application/json); ohne Inhalt bitte auch ohne diesen Content-Type senden',
            en: 'the request body is not valid JSON (Content-Type: application/json); without a body, send no such Content-Type either',
          }
        : { de: `Die Anfrage ist fehlerhaft: ${error.message}`, en: `bad request: ${error.message}` };
      const refused = new AppError('bad-request', say(text));
      return c.json(errorBody(refused), refused.status);
    }
    console.error('[server] unexpected error', error);
    return c.json({ error: { code: 'internal', message: say({ de: 'Interner Fehler', en: 'internal error' }) } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not-found', message: say({ de: 'Diese Adresse gibt es nicht', en: 'no such route' }) } }, 404));

  app.route('/', healthRouter(deps));
  const api = new OpenAPIHono<AppEnv>();
  const failures = deps.authLimits?.failures ?? AUTH_FAILURE_DEFAULTS.limit;
  const windowSeconds = deps.authLimits?.windowSeconds ?? AUTH_FAILURE_DEFAULTS.windowSeconds;
  const trustedProxies = new Set(deps.authLimits?.trustedProxies ?? []);
  const limits: AuthLimits = {
    limiter: new FailureLimiter({ limit: failures, windowMs: windowSeconds * 1000 }),
    addressOf: (c) => clientAddress(c, trustedProxies),
  };
  const authenticate = authenticateWith(deps.db, deps.verify, limits);
  app.route('/', metricsRouter(deps.alerts?.metrics, authenticate));
  const roles = requireRoles(api, '/api/v1');
  const audit = deps.audit ?? new AuditLog(deps.db);
  const auditing = auditMiddlewares({ audit, limits, prefix: '/api/v1', fetch: async (request) => app.fetch(request) });
  // First the audit's outcome: it sees every answer, the refusals of authentication and role included.
  api.use('/*', auditing.outcome);
  // The reference page is a static shell with no data; it asks for the token and fetches the spec with it.
  api.use('/*', async (c, next) => (PUBLIC_API_PATHS.has(c.req.path) ? next() : authenticate(c, next)));
  // Then the role the route declares in the spec (auth/roles.ts), before its validators run.
  api.use('/*', async (c, next) => (PUBLIC_API_PATHS.has(c.req.path) ? next() : roles(c, next)));
  // After the role check: the state a change starts from, for the audit log.
  api.use('/*', auditing.before);
  // After authentication: a stranger's body is never read, only an admin's, and that up to its limit.
  api.use('/*', bodyLimits());
  if (deps.onChange) {
    const onChange = deps.onChange;
    api.use('/*', async (c, next) => {
      await next();
      const change = c.req.method !== 'GET' && c.req.method !== 'HEAD' && !NOT_CONFIGURATION.test(c.req.path);
      if (change && c.res.status < 400) onChange();
    });
  }
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'swf_session' });
  api.route('/', authRouter(deps.db, limits, (c) => overTls(c) || forwardedHttps(c, trustedProxies)));
  api.route('/', usersRouter(deps.db));
  api.route('/', tokensRouter(deps.db, deps.forgetToken ?? (() => undefined)));
  api.route('/', flowsRouter(deps));
  api.route('/', extensionsRouter(deps));
  api.route('/', trunksRouter(deps));
  api.route('/', callRoutesRouter(deps));
  api.route('/', queuesRouter(deps));
  api.route('/', conferencesRouter(deps));
  api.route('/', promptsRouter(deps));
  api.route('/', publishRouter(deps));
  api.route('/', callsRouter(deps));
  api.route('/', liveRouter(deps));
  api.route('/', trafficRouter(deps));
  api.route('/', settingsRouter(deps));
  api.route('/', securityRouter(deps));
  api.route('/', runtimeRouter(deps));
  api.route('/', backupsRouter(deps));
  api.route('/', httpsRouter(deps));
  api.route('/', auditRouter(audit));
  api.route('/', recordingsRouter({ db: deps.db, audit, addressOf: limits.addressOf, ...(deps.recordingsDir ? { recordingsDir: deps.recordingsDir } : {}) }));
  api.route('/', historyRouter(deps));
  api.route('/', analyticsRouter(deps));
  api.route('/', alertsRouter(deps));
  api.route('/', restartRouter(deps));
  api.route('/', voicemailRouter({ ...deps, audit }));
  api.route('/', outboxRouter(deps));
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'StumpfWorks VoIP API', version: '0.1.0', description: limitsDescription(failures, windowSeconds) },
    security: [{ bearer: [] }, { session: [] }],
  });
  api.route('/', docsRouter());
  app.route('/api/v1', api);
  app.route('/', webRouter(deps.webDir));
  return app;
}
