import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { createApp } from './app.js';
import type { AmiOptions } from './asterisk/ami.js';
import { createAri, type Ari } from './asterisk/ari.js';
import { gatedPublisher, ReloadGate } from './asterisk/reload-gate.js';
import { resolveAsteriskConnection } from './asterisk/connection.js';
import { ensureAdminToken } from './auth/admin-token.js';
import { ensureFirstAdmin } from './auth/first-admin.js';
import { anyVerifier, cachedVerifier, localVerifier, nasHolder, nasVerifier } from './auth/verifier.js';
import { applyPendingRestore, restoreTarget } from './backup/apply.js';
import { BackupSchedule } from './backup/schedule.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import type { Database } from './db/tables.js';
import type { Env } from './env.js';
import { confFilesIn } from './publish/conf-files.js';
import { syncSounds } from './publish/sounds.js';
import { ensureEmergencyRoute } from './resources/emergency-route.js';
import { listResources } from './resources/resources.repository.js';
import type { ConfigSet } from './publish/config-set.js';
import { PreparedBuilds } from './publish/prepared-build.js';
import { refuseIfAppsTaken } from './instance/ari-app-guard.js';
import { lockDataDir } from './instance/instance-lock.js';
import { FlowRuntime, runtimeApps } from './runtime/flow-runtime.js';
import { loadPublishedFlows } from './runtime/published-flows.js';
import { VisitStore } from './traffic/visit-store.js';
import { createPublisher, unavailablePublisher, type PublisherDeps } from './publish/publisher.js';
import { offlineSecurity, startSecurity, type Security } from './security/security-service.js';

export interface RunningServer {
  url: string;
  port: number;
  db: Kysely<Database>;
  /** The HTTP app (its route table is what the auth test checks against the spec). */
  app: ReturnType<typeof createApp>;
  /** Set when this start created the admin token. */
  adminTokenFile?: string;
  /** The ARI runtime, when Asterisk is configured and it is on. */
  runtime?: FlowRuntime;
  /** The SIP brute-force guard (watching Asterisk when it is configured). */
  security: Security;
  /** Scheduled backups (settings section `backup`). */
  backups: BackupSchedule;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Test hook passed to the publisher (fault injection). */
  beforeWrite?: PublisherDeps['beforeWrite'];
  /**
   * Run the ARI runtime (Stasis app `stumpfworks` and the visit watcher) when Asterisk is
   * configured. Default true; the publish benchmark turns it off so that it never takes the app
   * over from a server already running on the same Asterisk.
   */
  ariRuntime?: boolean;
  log?: (line: string) => void;
  /** Given by the restart loop (instance/restart-loop.ts): POST /api/v1/restart calls it; without it that route answers 503. */
  requestRestart?: () => void;
}

/** Hands the flows a publish put live to the ARI runtime. */
function onPublishedFor(runtime: FlowRuntime): (set: ConfigSet) => void {
  return (set) => runtime.setFlows({ flows: set.flows, versions: set.flowVersions });
}

/**
 * Starts the server, unless another one runs on the same DATA_DIR (instance-lock.ts) or Asterisk
 * already has its Stasis apps registered by a live process (ari-app-guard.ts): then it throws
 * StartRefused, with the reason in both languages, and changes nothing.
 */
export async function startServer(env: Env, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = resolve(env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = lockDataDir(dataDir);
  try {
    const asterisk = resolveAsteriskConnection(env);
    if (asterisk.ok && options.ariRuntime !== false) {
      const c = asterisk.connection;
      const [flows, visits] = runtimeApps(env.ARI_APP);
      await refuseIfAppsTaken(createAri({ url: c.ariUrl, user: c.ariUser, password: c.ariPassword }), { flows, marker: visits }, { log });
    }
    const running = await startLocked(env, dataDir, options, log);
    return {
      ...running,
      close: async () => {
        try {
          await running.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Opens the store, migrates, makes the admin token, wires Asterisk and listens (holding the DATA_DIR lock). */
async function startLocked(env: Env, dataDir: string, options: StartOptions, log: (line: string) => void): Promise<RunningServer> {
  // A restore staged by the CLI or the API goes in place before anything opens the database.
  const asterisk = resolveAsteriskConnection(env);
  await applyPendingRestore(dataDir, asterisk.ok ? restoreTarget(asterisk.connection) : undefined, log);
  const db = openDatabase(dataDir);
  const applied = await migrateToLatest(db);
  if (applied.length > 0) log(`[server] migrations applied: ${applied.join(', ')}`);
  await ensureEmergencyRoute(db);
  const adminTokenFile = await ensureAdminToken(db, dataDir);
  if (adminTokenFile) log(`[server] created the admin token; it is in ${adminTokenFile} (mode 0600)`);
  const firstAdmin = await ensureFirstAdmin(db, env.SWF_ADMIN_PASSWORD);
  if (firstAdmin?.oneTimePassword) {
    log(`[server] created the first user "${firstAdmin.username}" (admin) with the one-time password ${firstAdmin.oneTimePassword} (shown only now; it must be changed at the first login)`);
  } else if (firstAdmin) log(`[server] created the first user "${firstAdmin.username}" (admin) with the password in SWF_ADMIN_PASSWORD`);

  // Builds the configuration whenever the stored state changes, so that a publish finds it ready.
  const buildOptions = { ariApp: env.ARI_APP, ...(asterisk.ok ? { sip: asterisk.connection.sip } : {}) };
  const builds = new PreparedBuilds(db, log, buildOptions);
  let ari: Ari | undefined;
  let live: { ari: Ari; ami: AmiOptions } | undefined;
  let publisher;
  let security: Security;
  const visits = new VisitStore(db, { log });
  let runtime: FlowRuntime | undefined;
  if (asterisk.ok) {
    const c = asterisk.connection;
    ari = createAri({ url: c.ariUrl, user: c.ariUser, password: c.ariPassword });
    if (options.ariRuntime !== false) {
      const initial = await loadPublishedFlows(db);
      for (const problem of initial.problems) log(`[runtime] ${problem}`);
      runtime = new FlowRuntime({
        ari: { url: c.ariUrl, user: c.ariUser, password: c.ariPassword },
        initial,
        sinks: { ari: visits.sink('ari'), dialplan: visits.sink('dialplan') },
        log,
        app: env.ARI_APP,
      });
    }
    live = { ari, ami: { host: c.amiHost, port: c.amiPort, user: c.amiUser, secret: c.amiSecret } };
    // Publishes and the ban guard's ACL reloads take turns (reload-gate.ts).
    const gate = new ReloadGate();
    const files = confFilesIn(c.confDir);
    publisher = gatedPublisher(createPublisher({
      db,
      ari,
      build: () => builds.current(),
      buildOptions,
      files,
      ami: live.ami,
      sounds: async (set) => {
        const prompts = await listResources(db, 'prompt');
        return syncSounds(c.asteriskRoot, set.flows, prompts.map((p) => ({ id: p.id, file: join(dataDir, 'prompts', `${p.id}.wav`) })));
      },
      ...(options.beforeWrite ? { beforeWrite: options.beforeWrite } : {}),
      ...(runtime ? { onPublished: onPublishedFor(runtime) } : {}),
    }), gate);
    // The kernel's drop guards the SIP port and the TLS port (SIP port + 1), as the generated transports use them.
    const kernel = env.KERNEL_BANS === 'off' ? undefined : { table: env.KERNEL_BANS_TABLE, ports: [c.sip.port, c.sip.port + 1] };
    security = await startSecurity({ db, ari, ami: live.ami, files, gate, log, ...(kernel ? { kernel } : {}) });
    log(`[server] Asterisk: ARI ${c.ariUrl}, generated files in ${c.confDir}`);
  } else {
    const reason = `no Asterisk connection configured (missing: ${asterisk.missing.join(', ')})`;
    publisher = unavailablePublisher(reason);
    security = await offlineSecurity(db, log);
    log(`[server] ${reason}; publish is disabled`);
  }
  const local = localVerifier(db);
  const verify = cachedVerifier(env.NAS_API_URL ? anyVerifier(local, nasHolder(nasVerifier(env.NAS_API_URL))) : local);
  const app = createApp({
    db,
    verify,
    forgetToken: verify.forget,
    publisher,
    dataDir,
    ...(asterisk.ok ? { asteriskRoot: asterisk.connection.asteriskRoot } : {}),
    asteriskUp: async () => (ari ? ari.ping() : false),
    ...(runtime ? { runtime: () => runtime!.health() } : {}),
    visits,
    security,
    ...(live ? { asterisk: live } : {}),
    onChange: () => {
      if (live) builds.prepare();
      // The change may be to the security settings: the guard re-reads them, queued before any later event.
      void security.guard.settingsChanged().catch((error: Error) => log(`[security] reading the settings failed: ${error.message}`));
    },
    ...(options.requestRestart ? { restart: options.requestRestart } : {}),
    authLimits: { failures: env.AUTH_FAILURE_LIMIT, windowSeconds: env.AUTH_FAILURE_WINDOW_SECONDS, trustedProxies: env.TRUSTED_PROXIES },
  });
  if (live) builds.prepare();
  const backups = new BackupSchedule({ db, dataDir, ...(asterisk.ok ? { asteriskRoot: asterisk.connection.asteriskRoot } : {}), log });
  backups.start();

  const server = await new Promise<ServerType>((ready) => {
    const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => ready(s));
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
  log(`[server] listening on ${url} (API ${url}/api/v1, reference ${url}/api/v1/docs)`);
  return {
    url,
    port,
    db,
    app,
    ...(adminTokenFile ? { adminTokenFile } : {}),
    ...(runtime ? { runtime } : {}),
    security,
    backups,
    close: async () => {
      await new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
      await backups.stop();
      await security.stop();
      await runtime?.stop();
      await visits.close();
      await builds.stop();
      await db.destroy();
    },
  };
}
