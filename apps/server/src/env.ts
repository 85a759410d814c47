import { z } from 'zod';
import { AUTH_FAILURE_DEFAULTS } from './auth/failure-limiter.js';
import { DEFAULT_KERNEL_TABLE, KERNEL_TABLE_PATTERN } from './security/nft-script.js';

/** Everything the server reads from the environment, checked once at start-up. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * The HTTPS server's port (on HOST too), or `off`. On by default: a WebRTC phone in the browser
   * needs a secure context (getUserMedia), and so does a Secure session cookie off loopback; the
   * certificate is generated at the first start when none is provided (tls/).
   */
  HTTPS_PORT: z
    .union([z.literal('off'), z.coerce.number().int().min(0).max(65535)])
    .default(8443),
  /** A certificate chain and key the admin provides (PEM files, e.g. from certbot), instead of DATA_DIR/tls; both or neither. */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  /** Set when running as a StumpfWorks NAS plugin: NAS-issued tokens are checked there. */
  NAS_API_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Asterisk connection; each falls back to connection.json (ASTERISK_STATE_FILE or ASTERISK_ROOT). */
  ASTERISK_ROOT: z.string().optional(),
  ASTERISK_STATE_FILE: z.string().optional(),
  ASTERISK_CONF_DIR: z.string().optional(),
  /** Where the call recordings are (Asterisk's monitor/ spool); default `<ASTERISK_ROOT>/var/spool/asterisk/monitor` when Asterisk is configured. */
  RECORDINGS_DIR: z.string().min(1).optional(),
  /** Asterisk's CDR journal (cdr_custom); default `<ASTERISK_ROOT>/var/log/asterisk/cdr-custom/stumpfworks-cdr.csv` when Asterisk is configured. */
  CDR_JOURNAL: z.string().min(1).optional(),
  /** Asterisk's CEL journal (cel_custom), the call history's source; default `<ASTERISK_ROOT>/var/log/asterisk/cdr-custom/stumpfworks-cel.csv` when Asterisk is configured. */
  CEL_JOURNAL: z.string().min(1).optional(),
  /** KEY=VALUE file with ARI_USER/ARI_PASSWORD/AMI_USER/AMI_SECRET (the container's secrets.env). */
  ASTERISK_SECRETS_FILE: z.string().optional(),
  ARI_URL: z.url().optional(),
  ARI_USER: z.string().optional(),
  ARI_PASSWORD: z.string().optional(),
  AMI_HOST: z.string().optional(),
  AMI_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  AMI_USER: z.string().optional(),
  AMI_SECRET: z.string().optional(),
  /** The Stasis app of the ARI runtime (flows in `ari` mode hand calls to it); one per server on an Asterisk. */
  ARI_APP: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and -').default('stumpfworks'),
  /** The SIP transports' bind address and port (generated TCP/TLS transports of trunks; TLS on port + 1). Default: connection.json, else 0.0.0.0:5060. */
  SIP_BIND_ADDRESS: z.union([z.ipv4(), z.ipv6()]).optional(),
  SIP_PORT: z.coerce.number().int().min(1).max(65534).optional(),
  /**
   * `auto`: banned SIP addresses are also dropped by the kernel (an nftables table of the server's
   * own) when the server may set it (root or CAP_NET_ADMIN, and nft); `off`: Asterisk's ACL only.
   */
  KERNEL_BANS: z.enum(['auto', 'off']).default('auto'),
  /** The nftables table (family inet) of that drop; one per server (the test servers use their own). */
  KERNEL_BANS_TABLE: z.string().regex(KERNEL_TABLE_PATTERN, 'lower-case letters, digits and _, starting with a letter, at most 48').default(DEFAULT_KERNEL_TABLE),
  /**
   * Failed API authentications one address may have within AUTH_FAILURE_WINDOW_SECONDS of its
   * first; then 429 with Retry-After until the window has passed (see docs/server.md for the choice).
   */
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(AUTH_FAILURE_DEFAULTS.limit),
  AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(AUTH_FAILURE_DEFAULTS.windowSeconds),
  /**
   * The first admin's password (user `admin`), used once: when the first start finds no user.
   * Without it, that start generates a one-time password and prints it once in the log.
   */
  SWF_ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').max(200).optional(),
  /** Comma-separated addresses of reverse proxies whose X-Forwarded-For names the client (for the limit above). */
  TRUSTED_PROXIES: z
    .string()
    .transform((list) => list.split(',').map((a) => a.trim()).filter((a) => a !== ''))
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()])))
    .default([]),
}).superRefine((env, ctx) => {
  if ((env.TLS_CERT_FILE === undefined) !== (env.TLS_KEY_FILE === undefined)) {
    ctx.addIssue({ code: 'custom', path: [env.TLS_CERT_FILE === undefined ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE'], message: 'TLS_CERT_FILE and TLS_KEY_FILE go together' });
  }
});

export type Env = z.infer<typeof envSchema>;

/** Parses the environment, or returns one readable line per bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv): { ok: true; env: Env } | { ok: false; message: string } {
  const empty = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(empty);
  if (result.success) return { ok: true, env: result.data };
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  return { ok: false, message: `invalid environment:\n${lines.join('\n')}` };
}
