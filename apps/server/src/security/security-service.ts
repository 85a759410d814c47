import type { Kysely } from 'kysely';
import type { AmiOptions } from '../asterisk/ami.js';
import type { Ari } from '../asterisk/ari.js';
import type { ReloadGate } from '../asterisk/reload-gate.js';
import type { Database } from '../db/tables.js';
import type { ConfFiles } from '../publish/conf-files.js';
import { readSection } from '../settings/index.js';
import { securitySection } from '../settings/security.settings.js';
import { aclEnforcer, type BanEnforcer } from './acl-enforcer.js';
import { AmiEventStream } from './ami-event-stream.js';
import { BanGuard } from './ban-guard.js';
import { BANS_MODULE } from './bans-file.js';
import { liveContacts } from './contacts.js';
import { securityEventFrom } from './security-event.js';

/** The running guard and its AMI event connection, as the API sees them. */
export interface Security {
  guard: BanGuard;
  /** Whether Asterisk's security events arrive (the AMI login is up). */
  watching(): boolean;
  stop(): Promise<void>;
}

export interface SecurityDeps {
  db: Kysely<Database>;
  ari: Ari;
  ami: AmiOptions;
  /** The generated-files dir (the bans file lives beside the publish's files). */
  files: ConfFiles;
  /** Shared with the publisher: an ACL reload never runs beside a publish. */
  gate: ReloadGate;
  log: (line: string) => void;
}

/**
 * Starts the SIP brute-force guard: the AMI event connection (class `security`) feeds BanGuard,
 * which writes the bans file and reloads res_pjsip through the reload gate.
 */
export async function startSecurity(deps: SecurityDeps): Promise<Security> {
  const enforcer = aclEnforcer({
    files: deps.files,
    reload: () => deps.ari.reloadModule(BANS_MODULE),
    exclusive: (fn) => deps.gate.run(fn),
    log: deps.log,
  });
  const guard = new BanGuard({
    db: deps.db,
    enforcer,
    contacts: () => liveContacts(deps.ami),
    settings: () => readSection(deps.db, securitySection),
    log: deps.log,
  });
  await guard.start();
  const stream = new AmiEventStream({
    ami: deps.ami,
    events: 'security',
    log: deps.log,
    onConnected: () => guard.resync(),
    onEvent: (packet) => {
      const event = securityEventFrom(packet);
      if (event) void guard.handle(event).catch((error: Error) => deps.log(`[security] event from ${event.address} not counted: ${error.message}`));
    },
  });
  stream.start();
  return {
    guard,
    watching: () => stream.connected,
    stop: async () => {
      await stream.stop();
      await guard.stop();
    },
  };
}

/** Nothing to enforce with: no Asterisk is configured. */
const noEnforcer: BanEnforcer = { apply: async () => false, live: () => new Set() };

/**
 * The guard without Asterisk: it lists and lifts the stored bans and counts what it is handed,
 * but no events arrive and nothing is enforced (every ban shows `enforced: false`).
 */
export async function offlineSecurity(db: Kysely<Database>, log: (line: string) => void): Promise<Security> {
  const guard = new BanGuard({
    db,
    enforcer: noEnforcer,
    contacts: async () => [],
    settings: () => readSection(db, securitySection),
    log,
  });
  await guard.start();
  return { guard, watching: () => false, stop: () => guard.stop() };
}
