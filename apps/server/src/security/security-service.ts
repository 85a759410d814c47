import type { Kysely } from 'kysely';
import type { AmiOptions } from '../asterisk/ami.js';
import type { Ari } from '../asterisk/ari.js';
import type { ReloadGate } from '../asterisk/reload-gate.js';
import type { Database } from '../db/tables.js';
import type { ConfFiles } from '../publish/conf-files.js';
import { readSection } from '../settings/index.js';
import { securitySection } from '../settings/security.settings.js';
import { aclEnforcer } from './acl-enforcer.js';
import { AmiEventStream } from './ami-event-stream.js';
import type { BanEnforcer, Enforcement } from './ban-enforcer.js';
import { BanGuard, type BanGuardDeps } from './ban-guard.js';
import { BANS_MODULE } from './bans-file.js';
import { liveContacts } from './contacts.js';
import { kernelEnforcer, kernelUnavailable } from './kernel-enforcer.js';
import type { KernelTarget } from './nft-script.js';
import { nftCli, type NftRunner } from './nft.js';
import { securityEventFrom } from './security-event.js';

/** The running guard and its AMI event connection, as the API sees them. */
export interface Security {
  guard: BanGuard;
  /** Whether Asterisk's security events arrive (the AMI login is up). */
  watching(): boolean;
  /** How bans are enforced: ['acl', 'kernel'], ['acl'] where the server may not set firewall rules, [] without Asterisk. */
  enforcement: Enforcement[];
  /** The nftables table of the kernel's drop, when it is in use (kept when the server stops). */
  kernelTable?: string;
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
  /** The kernel's drop of banned addresses (nftables): where, or undefined when switched off (KERNEL_BANS=off). */
  kernel?: KernelTarget;
  /** Runs nft scripts (default: the nft CLI on PATH). */
  nft?: NftRunner;
  log: (line: string) => void;
  /** Told of every new ban (the audit log records it). */
  onBan?: BanGuardDeps['onBan'];
}

/**
 * Starts the SIP brute-force guard: the AMI event connection (class `security`) feeds BanGuard,
 * which writes the bans file and reloads res_pjsip through the reload gate, and where the server may
 * set firewall rules (root or CAP_NET_ADMIN, and nft) also has the kernel drop the banned addresses
 * on the SIP ports. Which of them runs is decided once, here, and logged.
 */
export async function startSecurity(deps: SecurityDeps): Promise<Security> {
  const enforcers: BanEnforcer[] = [
    aclEnforcer({
      files: deps.files,
      reload: () => deps.ari.reloadModule(BANS_MODULE),
      exclusive: (fn) => deps.gate.run(fn),
      log: deps.log,
    }),
  ];
  const kernel = await kernelIfAvailable(deps);
  if (kernel) enforcers.push(kernel);
  const guard = new BanGuard({
    db: deps.db,
    enforcers,
    contacts: () => liveContacts(deps.ami),
    settings: () => readSection(deps.db, securitySection),
    log: deps.log,
    ...(deps.onBan ? { onBan: deps.onBan } : {}),
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
    enforcement: guard.enforcement(),
    ...(kernel && deps.kernel ? { kernelTable: deps.kernel.table } : {}),
    stop: async () => {
      await stream.stop();
      await guard.stop();
    },
  };
}

/** The kernel's drop when it is switched on and nft can set it here; else undefined, and the log says why. */
async function kernelIfAvailable(deps: SecurityDeps): Promise<BanEnforcer | undefined> {
  if (!deps.kernel) {
    deps.log('[security] bans are enforced by Asterisk\'s ACL only (KERNEL_BANS=off)');
    return undefined;
  }
  const nft = deps.nft ?? nftCli();
  const reason = await kernelUnavailable(deps.kernel, nft);
  if (reason !== undefined) {
    deps.log(`[security] bans are enforced by Asterisk's ACL only: the kernel cannot drop them here (${reason}); run the server as root or with CAP_NET_ADMIN and nftables installed to have banned addresses dropped before Asterisk sees them`);
    return undefined;
  }
  deps.log(`[security] bans are enforced by Asterisk's ACL and dropped by the kernel (nftables table inet ${deps.kernel.table}, ports ${deps.kernel.ports.join(', ')})`);
  return kernelEnforcer({ target: deps.kernel, nft, log: deps.log });
}

/**
 * The guard without Asterisk: it lists and lifts the stored bans and counts what it is handed,
 * but no events arrive and nothing is enforced (every ban shows `enforced: false`).
 */
export async function offlineSecurity(db: Kysely<Database>, log: (line: string) => void): Promise<Security> {
  const guard = new BanGuard({
    db,
    enforcers: [],
    contacts: async () => [],
    settings: () => readSection(db, securitySection),
    log,
  });
  await guard.start();
  return { guard, watching: () => false, enforcement: [], stop: () => guard.stop() };
}
