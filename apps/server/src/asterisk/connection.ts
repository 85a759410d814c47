import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SIP_NETWORK, type SipNetwork } from '@stumpfworks/dialplan';
import type { Env } from '../env.js';

/** How the server reaches Asterisk: ARI (REST), AMI (dialplan checks) and the generated-files dir. */
export interface AsteriskConnection {
  ariUrl: string;
  ariUser: string;
  ariPassword: string;
  amiHost: string;
  amiPort: number;
  amiUser: string;
  amiSecret: string;
  confDir: string;
  /** The root Asterisk sees as `/` (a chroot on the dev host; `/` in a container). */
  asteriskRoot: string;
  /** Where the SIP transports listen (the generated TCP/TLS transports of trunks use it). */
  sip: SipNetwork;
}

/** `KEY=VALUE` lines (secrets.env as render-conf.sh writes it). */
function readSecretsFile(file: string): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) secrets[match[1]!] = match[2]!;
  }
  return secrets;
}

const DEFAULT_ROOT = '/var/lib/stumpfworks-voip/asterisk-root';

/**
 * Env first, then `connection.json` of the local Asterisk (ASTERISK_STATE_FILE, or under
 * ASTERISK_ROOT). Returns the missing keys when something is not set anywhere.
 */
export function resolveAsteriskConnection(env: Env): { ok: true; connection: AsteriskConnection } | { ok: false; missing: string[] } {
  const file = env.ASTERISK_STATE_FILE ?? join(env.ASTERISK_ROOT ?? DEFAULT_ROOT, 'etc/stumpfworks-voip/connection.json');
  let state: Partial<AsteriskConnection> = {};
  if (existsSync(file)) {
    try {
      state = JSON.parse(readFileSync(file, 'utf8')) as Partial<AsteriskConnection>;
    } catch (error) {
      console.warn(`[asterisk] cannot read ${file}: ${(error as Error).message}`);
    }
  }
  const secrets = env.ASTERISK_SECRETS_FILE ? readSecretsFile(env.ASTERISK_SECRETS_FILE) : {};
  const merged = {
    ariUrl: env.ARI_URL ?? state.ariUrl,
    ariUser: env.ARI_USER ?? secrets.ARI_USER ?? state.ariUser,
    ariPassword: env.ARI_PASSWORD ?? secrets.ARI_PASSWORD ?? state.ariPassword,
    amiHost: env.AMI_HOST ?? state.amiHost ?? '127.0.0.1',
    amiPort: env.AMI_PORT ?? state.amiPort,
    amiUser: env.AMI_USER ?? secrets.AMI_USER ?? state.amiUser,
    amiSecret: env.AMI_SECRET ?? secrets.AMI_SECRET ?? state.amiSecret,
    confDir: env.ASTERISK_CONF_DIR ?? state.confDir,
  };
  const missing = Object.entries(merged).filter(([, v]) => v === undefined || v === '').map(([k]) => k);
  if (missing.length > 0) return { ok: false, missing };
  const extra = state as { asteriskRoot?: string; sipHost?: string; sipPort?: number };
  const asteriskRoot = env.ASTERISK_ROOT ?? extra.asteriskRoot ?? '/';
  const sip: SipNetwork = {
    bindAddress: env.SIP_BIND_ADDRESS ?? extra.sipHost ?? DEFAULT_SIP_NETWORK.bindAddress,
    port: env.SIP_PORT ?? extra.sipPort ?? DEFAULT_SIP_NETWORK.port,
  };
  return {
    ok: true,
    connection: { ...(merged as Omit<AsteriskConnection, 'asteriskRoot' | 'sip'>), asteriskRoot, sip, ariUrl: merged.ariUrl!.replace(/\/+$/, '') },
  };
}
