import type { Kysely } from 'kysely';
import type { AmiOptions } from '../asterisk/ami.js';
import type { Ari } from '../asterisk/ari.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuditNote } from '../audit/audit.middleware.js';
import type { Actor } from '../auth/roles.js';
import type { TokenVerifier } from '../auth/verifier.js';
import type { Database } from '../db/tables.js';
import type { LiveMonitor } from '../live/live-monitor.js';
import type { Publisher } from '../publish/publisher.js';
import type { RuntimeHealth } from '../runtime/runtime-health.js';
import type { MailboxPins } from '../voicemail/mailbox-pins.js';
import type { Security } from '../security/security-service.js';
import type { HttpsCertificate } from '../tls/https-certificate.js';

/**
 * The types the routes are built with: the Hono context (AppEnv) and what the app gets from the
 * outside (AppDeps). Apart from app.ts, so that a route never imports the module that mounts it.
 */

/** Hono context variables set by our middleware: who is calling (auth/authenticate.middleware.ts), for role checks and the audit log. */
export interface AppEnv {
  Variables: { actor: Actor; audit?: AuditNote };
}

/** What the app needs from the outside; the server and the tests build it differently. */
export interface AppDeps {
  db: Kysely<Database>;
  verify: TokenVerifier;
  /** Drops a revoked token (by its sha256) from the verifier's cache (cachedVerifier.forget). */
  forgetToken?: (tokenHash: string) => void;
  /** Whether Asterisk answers (for /health). */
  asteriskUp: () => Promise<boolean>;
  /** What Asterisk has of the ARI runtime's Stasis apps (for /health and the dashboard); absent when the server runs none. */
  runtime?: () => RuntimeHealth;
  publisher: Publisher;
  dataDir: string;
  /** Asterisk's root as the server sees it (`/` in a container), when configured: a backup takes its voicemail and astdb. */
  asteriskRoot?: string;
  /** Asterisk's monitor/ spool, where the call recordings are (recordings/): absent without Asterisk. */
  recordingsDir?: string;
  /** The live PBX, when configured (calls and status). */
  asterisk?: { ari: Ari; ami: AmiOptions };
  /** The live monitor's state from Asterisk's events (GET /live, the transfer's scope check); absent without Asterisk. */
  live?: Pick<LiveMonitor, 'snapshot' | 'subscribe' | 'call'>;
  /** The built web app served at `/` (default: apps/web/dist). */
  webDir?: string;
  /** Where node visits are stored; the traffic route writes what is buffered before it reads, and asks which node live calls are at. */
  visits?: { flush(): Promise<void>; at?(flowId: string, version: number, callIds: Iterable<string>): Map<string, number> };
  /** Called after every successful change through the API (not after publishes); the server prepares the next publish's build. */
  onChange?: () => void;
  /** Asks for an in-process restart (the restart loop, instance/restart-loop.ts); absent when the server was started without one (tests). */
  restart?: () => void;
  /** The SIP brute-force guard (its bans and events); without it the bans list is empty. */
  security?: Pick<Security, 'guard' | 'watching' | 'enforcement'>;
  /** The alerts' metrics (GET /metrics); without them /metrics says there are none. */
  alerts?: { metrics(): Promise<string> };
  /** The limit on failed authentications per address (default AUTH_FAILURE_DEFAULTS) and the proxies whose X-Forwarded-For is believed. */
  authLimits?: { failures?: number; windowSeconds?: number; trustedProxies?: readonly string[] };
  /** The HTTPS server (tls/): its certificate and its port; absent with HTTPS_PORT=off. */
  https?: { certificate: HttpsCertificate; port: () => number | undefined };
  /** PINs set outside a publish (voicemail/mailbox-pins.ts); without Asterisk, the PIN route only stores them. */
  mailboxPins?: Pick<MailboxPins, 'set'>;
  /** The voicemail mailer (voicemail-mail/), told when the outbox page retries or discards a mail; absent without Asterisk. */
  voicemailOutbox?: { outboxChanged(): Promise<void> };
  /** The audit log (audit/audit-log.ts); the server shares it with the ban guard and the retention prune. Default: one over `db`. */
  audit?: AuditLog;
}
