import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { startAlerts, type Alerts, type AlertsOptions } from './alerts/alert-service.js';
import { readAlertSettings } from './alerts/alert-settings.js';
import { watchedPublisher } from './alerts/publish-watch.js';
import { createApp } from './app.js';
import { AuditLog } from './audit/audit-log.js';
import { recordRestore } from './audit/restored.js';
import { AuditRetention } from './audit/retention.js';
import { HistoryRetention } from './history/retention.js';
import type { AmiOptions } from './asterisk/ami.js';
import { createAri, type Ari } from './asterisk/ari.js';
import { gatedPublisher, ReloadGate } from './asterisk/reload-gate.js';
import { MailboxPins } from './voicemail/mailbox-pins.js';
import { PIN_INBOX } from './voicemail/pin-inbox.js';
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
import { recordingPolicies } from '@stumpfworks/dialplan';
import type { ConfigSet } from './publish/config-set.js';
import { PreparedBuilds } from './publish/prepared-build.js';
import { startRecordings } from './recordings/recordings-service.js';
import { startHistory, type History } from './history/history-service.js';
import { refuseIfAppsTaken } from './instance/ari-app-guard.js';
import { lockDataDir } from './instance/instance-lock.js';
import { LiveMonitor, refreshingAfterPublish } from './live/live-monitor.js';
import { FlowRuntime, runtimeApps } from './runtime/flow-runtime.js';
import { loadPublishedFlows } from './runtime/published-flows.js';
import { VisitStore } from './traffic/visit-store.js';
import { createPublisher, unavailablePublisher, type PublisherDeps } from './publish/publisher.js';
import type { Ban } from './security/ban-policy.js';
import { offlineSecurity, startSecurity, type Security } from './security/security-service.js';
import { HttpsCertificate } from './tls/https-certificate.js';
import { VoicemailMailer, type VoicemailMailerOptions } from './voicemail-mail/voicemail-mailer.js';
import { localNames } from './tls/local-names.js';

export interface RunningServer {
  url: string;
  port: number;
  db: Kysely<Database>;
  /** The HTTP app (its route table is what the auth test checks against the spec). */
  app: ReturnType<typeof createApp>;
  /** The HTTPS server's address and port, unless HTTPS_PORT=off. */
  httpsUrl?: string;
  httpsPort?: number;
  /** The certificate it serves (replaced through the API without a restart). */
  https?: HttpsCertificate;
  /** Set when this start created the admin token. */
  adminTokenFile?: string;
  /** The ARI runtime, when Asterisk is configured and it is on. */
  runtime?: FlowRuntime;
  /** The SIP brute-force guard (watching Asterisk when it is configured). */
  security: Security;
  /** Scheduled backups (settings section `backup`). */
  backups: BackupSchedule;
  /** The alerts: their sources, the mails, the metrics. */
  alerts: Alerts;
  /** Mails new voicemail messages (when Asterisk is configured). */
  voicemailMail?: VoicemailMailer;
  /** The call history's ingest from the CEL journal (when Asterisk or CEL_JOURNAL is configured). */
  history?: History;
  /** The live monitor behind GET /live (when Asterisk is configured). */
  live?: LiveMonitor;
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
  /** Test hook: how often the alert sources are read, their grace times, a fake free-space reader. */
  alerts?: Pick<AlertsOptions, 'intervalMs' | 'graceMs' | 'free'>;
  /** Test hook: the voicemail mails' retry schedule, scan interval and time zone. */
  voicemailMail?: Pick<VoicemailMailerOptions, 'retry' | 'intervalMs' | 'timeZone' | 'concurrency'>;
  /** Given by the restart loop (instance/restart-loop.ts): POST /api/v1/restart calls it; without it that route answers 503. */
  requestRestart?: () => void;
}

/** Hands the flows a publish put live to the ARI runtime. */
function onPublishedFor(runtime: FlowRuntime): (set: ConfigSet) => void {
  return (set) => {
    const recording = recordingPolicies(set.resources);
    runtime.setFlows({ flows: set.flows, versions: set.flowVersions, ...(recording ? { recording } : {}) });
  };
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
  const restored = await applyPendingRestore(dataDir, asterisk.ok ? restoreTarget(asterisk.connection) : undefined, log);
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

  const audit = new AuditLog(db);
  if (restored) await recordRestore(audit, restored, 'server', applied);
  const retention = new AuditRetention({ db, audit, log });
  await retention.start();
  const historyRetention = new HistoryRetention({ db, log });
  await historyRetention.start();

  // Builds the configuration whenever the stored state changes, so that a publish finds it ready.
  const buildOptions = { ariApp: env.ARI_APP, ...(asterisk.ok ? { sip: asterisk.connection.sip } : {}) };
  const builds = new PreparedBuilds(db, log, buildOptions);
  let ari: Ari | undefined;
  let live: { ari: Ari; ami: AmiOptions } | undefined;
  let publisher;
  let security: Security;
  const visits = new VisitStore(db, { log });
  let runtime: FlowRuntime | undefined;
  let mailboxPins: MailboxPins | undefined;
  let monitor: LiveMonitor | undefined;
  if (asterisk.ok) {
    const c = asterisk.connection;
    ari = createAri({ url: c.ariUrl, user: c.ariUser, password: c.ariPassword });
    // The live monitor (GET /live) sees the node visits on their way to the store.
    monitor = new LiveMonitor({ db, ari, ami: { host: c.amiHost, port: c.amiPort, user: c.amiUser, secret: c.amiSecret }, log });
    monitor.start();
    if (options.ariRuntime !== false) {
      const initial = await loadPublishedFlows(db);
      for (const problem of initial.problems) log(`[runtime] ${problem}`);
      runtime = new FlowRuntime({
        ari: { url: c.ariUrl, user: c.ariUser, password: c.ariPassword },
        initial,
        sinks: { ari: monitor.sink(visits.sink('ari')), dialplan: monitor.sink(visits.sink('dialplan')) },
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
    const onBan = (ban: Ban) =>
      void audit
        .append({ actor: { kind: 'system', name: 'security' }, address: ban.address, action: 'security.ban', resource: { type: 'security', id: ban.address }, after: ban })
        .catch((error: Error) => log(`[audit] could not record the ban of ${ban.address}: ${error.message}`));
    security = await startSecurity({ db, ari, ami: live.ami, files, gate, log, onBan, ...(kernel ? { kernel } : {}) });
    mailboxPins = new MailboxPins({
      db,
      files,
      gate,
      reloadVoicemail: () => ari!.reloadModule('app_voicemail.so'),
      inbox: join(c.asteriskRoot, PIN_INBOX),
      audit,
      onChange: () => builds.prepare(),
      log,
    });
    mailboxPins.start();
    log(`[server] Asterisk: ARI ${c.ariUrl}, generated files in ${c.confDir}`);
  } else {
    const reason = `no Asterisk connection configured (missing: ${asterisk.missing.join(', ')})`;
    publisher = unavailablePublisher(reason);
    security = await offlineSecurity(db, log);
    log(`[server] ${reason}; publish is disabled`);
  }
  // The recordings index (from Asterisk's CDRs over AMI) and its retention; the spool is Asterisk's.
  const recordingsDir = env.RECORDINGS_DIR ?? (asterisk.ok ? join(asterisk.connection.asteriskRoot, 'var/spool/asterisk/monitor') : undefined);
  // The CDR journal (asterisk/conf/cdr_custom.conf) lets the index catch up with calls that ended while the server was away.
  const cdrJournal = env.CDR_JOURNAL ?? (asterisk.ok ? join(asterisk.connection.asteriskRoot, 'var/log/asterisk/cdr-custom/stumpfworks-cdr.csv') : undefined);
  const recordings = recordingsDir
    ? await startRecordings({ db, dir: recordingsDir, ...(cdrJournal ? { journal: cdrJournal } : {}), ...(live ? { ami: live.ami } : {}), log })
    : undefined;
  // The call history from Asterisk's CEL journal (asterisk/conf/cel_custom.conf), read from where it left off.
  const celJournal = env.CEL_JOURNAL ?? (asterisk.ok ? join(asterisk.connection.asteriskRoot, 'var/log/asterisk/cdr-custom/stumpfworks-cel.csv') : undefined);
  const history = celJournal ? startHistory({ db, journal: celJournal, ...(live ? { ami: live.ami } : {}), flushVisits: () => visits.flush(), log }) : undefined;
  const certificate = env.HTTPS_PORT === 'off'
    ? undefined
    : await HttpsCertificate.load({
        dataDir,
        ...(env.TLS_CERT_FILE && env.TLS_KEY_FILE ? { files: { certificate: env.TLS_CERT_FILE, key: env.TLS_KEY_FILE } } : {}),
        names: () => localNames(),
        log,
      });
  let httpsServer: HttpsServer | undefined;
  // Asterisk's spool (voicemail, recordings) fills a disk too; the server's DATA_DIR holds the database and prompts.
  const disks = [
    { label: { de: 'die Daten des Servers', en: "the server's data" }, path: dataDir },
    ...(asterisk.ok ? [{ label: { de: 'den Asterisk-Spool', en: "Asterisk's spool" }, path: join(asterisk.connection.asteriskRoot, 'var/spool/asterisk') }] : []),
  ];
  const { guard } = security;
  const alerts = startAlerts({
    db,
    ...(live ? { asterisk: live } : {}),
    disks,
    activeBans: () => guard.list().filter((b) => b.until > Date.now()).length,
    log,
    ...options.alerts,
  });
  publisher = watchedPublisher(publisher, alerts.book, alerts.publishDurations);
  if (monitor) publisher = refreshingAfterPublish(publisher, () => monitor!.refreshEndpoints());
  // Voicemail mail through the product's SMTP relay (the alert settings' smtp part): Asterisk's mailcmd drops each new message into the spool.
  const voicemailMail = live && asterisk.ok
    ? new VoicemailMailer({
        db,
        spool: join(asterisk.connection.asteriskRoot, 'var/spool/asterisk'),
        ami: live.ami,
        book: alerts.book,
        smtp: async () => (await readAlertSettings(db)).smtp,
        log,
        ...options.voicemailMail,
      })
    : undefined;
  voicemailMail?.start();
  const local = localVerifier(db);
  const verify = cachedVerifier(env.NAS_API_URL ? anyVerifier(local, nasHolder(nasVerifier(env.NAS_API_URL))) : local);
  const app = createApp({
    db,
    verify,
    forgetToken: verify.forget,
    publisher,
    dataDir,
    audit,
    ...(asterisk.ok ? { asteriskRoot: asterisk.connection.asteriskRoot } : {}),
    ...(recordingsDir ? { recordingsDir } : {}),
    asteriskUp: async () => (ari ? ari.ping() : false),
    ...(runtime ? { runtime: () => runtime!.health() } : {}),
    visits,
    security,
    alerts,
    ...(live ? { asterisk: live } : {}),
    ...(monitor ? { live: monitor } : {}),
    ...(mailboxPins ? { mailboxPins } : {}),
    ...(voicemailMail ? { voicemailOutbox: voicemailMail } : {}),
    onChange: () => {
      if (live) builds.prepare();
      // An extension or trunk added or removed: the live monitor's endpoint list follows.
      monitor?.refreshEndpoints();
      // The change may be to the security settings: the guard re-reads them, queued before any later event.
      void security.guard.settingsChanged().catch((error: Error) => log(`[security] reading the settings failed: ${error.message}`));
    },
    ...(options.requestRestart ? { restart: options.requestRestart } : {}),
    authLimits: { failures: env.AUTH_FAILURE_LIMIT, windowSeconds: env.AUTH_FAILURE_WINDOW_SECONDS, trustedProxies: env.TRUSTED_PROXIES },
    ...(certificate ? { https: { certificate, port: () => (httpsServer?.address() as AddressInfo | null)?.port } } : {}),
  });
  if (live) builds.prepare();
  const backups = new BackupSchedule({ db, dataDir, ...(asterisk.ok ? { asteriskRoot: asterisk.connection.asteriskRoot, ami: restoreTarget(asterisk.connection).ami } : {}), log });
  backups.start();

  const server = await new Promise<ServerType>((ready) => {
    const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => ready(s));
  });
  const port = (server.address() as AddressInfo).port;
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  const url = `http://${host}:${port}`;
  log(`[server] listening on ${url} (API ${url}/api/v1, reference ${url}/api/v1/docs)`);
  let httpsUrl: string | undefined;
  if (certificate && env.HTTPS_PORT !== 'off') {
    const { certificate: cert, key } = certificate.current;
    // A port taken by something else (a NAS's own HTTPS, say) costs HTTPS, not the PBX: said, and the rest runs.
    const listening = await new Promise<HttpsServer | undefined>((ready) => {
      const s = serve({ fetch: app.fetch, port: env.HTTPS_PORT as number, hostname: env.HOST, createServer: createHttpsServer, serverOptions: { cert, key } }, () => ready(s as HttpsServer)) as HttpsServer;
      s.once('error', (error: NodeJS.ErrnoException) => {
        log(`[https] cannot listen on ${host}:${env.HTTPS_PORT} (${error.code ?? error.message}): no HTTPS until the server starts with that port free, or another one in HTTPS_PORT`);
        ready(undefined);
      });
    });
    if (listening) {
      httpsServer = listening;
      certificate.attach(listening);
      httpsUrl = `https://${host}:${(listening.address() as AddressInfo).port}`;
      log(`[server] listening on ${httpsUrl} (certificate ${certificate.info.subject}, SHA-256 ${certificate.info.fingerprint256})`);
    }
  }
  return {
    url,
    port,
    ...(httpsServer && httpsUrl ? { httpsUrl, httpsPort: (httpsServer.address() as AddressInfo).port, https: certificate! } : {}),
    db,
    app,
    ...(adminTokenFile ? { adminTokenFile } : {}),
    ...(runtime ? { runtime } : {}),
    security,
    backups,
    alerts,
    ...(voicemailMail ? { voicemailMail } : {}),
    ...(history ? { history } : {}),
    ...(monitor ? { live: monitor } : {}),
    close: async () => {
      // First the monitor: it ends the open event streams, which the HTTP server's close waits for.
      await monitor?.stop();
      await new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
      if (httpsServer) await new Promise<void>((done, fail) => httpsServer!.close((error) => (error ? fail(error) : done())));
      await voicemailMail?.stop();
      await alerts.stop();
      await backups.stop();
      await recordings?.stop();
      await history?.stop();
      await retention.stop();
      await historyRetention.stop();
      await security.stop();
      await runtime?.stop();
      await mailboxPins?.stop();
      await visits.close();
      await builds.stop();
      await db.destroy();
    },
  };
}
