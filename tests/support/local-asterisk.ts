/**
 * The local Asterisk the tests talk to: where its credentials and generated-files dir are, atomic
 * writes into that dir, module reloads and log reads. See asterisk/scripts/asterisk.sh.
 *
 * Sources, later ones win: the state file `connection.json` (written by `asterisk.sh configure`,
 * found through ASTERISK_STATE_FILE or ASTERISK_ROOT), then the env variables ARI_URL, ARI_USER,
 * ARI_PASSWORD, ASTERISK_CONF_DIR (as printed by `asterisk.sh env`).
 */
import { chmodSync, closeSync, existsSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_ASTERISK_ROOT = '/var/lib/stumpfworks-voip/asterisk-root';

export interface AriCredentials {
  /** REST base, e.g. `http://127.0.0.1:8088/ari`; the event socket is `ws://…/ari/events`. */
  ariUrl: string;
  ariUser: string;
  ariPassword: string;
}

export interface LocalAsterisk extends AriCredentials {
  /** Host path of the generated-files dir (`etc/asterisk/stumpfworks`), when known. */
  confDir?: string;
  asteriskRoot?: string;
  /** Where Asterisk takes SIP over UDP (connection.json). */
  sipHost?: string;
  sipPort?: number;
  messagesLog?: string;
  /** messages.log lines of the last `asterisk.sh start`. */
  bootLog?: string;
}

/** Setup problems (no credentials, unreadable state file) — fix the environment, not the code. */
export class LocalAsteriskError extends Error {
  constructor(
    readonly code: 'NO_CREDENTIALS' | 'NO_CONF_DIR' | 'BAD_STATE_FILE',
    message: string,
  ) {
    super(message);
  }
}

/** Path of the state file `asterisk.sh configure` writes (mode 600, so root reads it). */
export function stateFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.ASTERISK_STATE_FILE ?? join(env.ASTERISK_ROOT ?? DEFAULT_ASTERISK_ROOT, 'etc/stumpfworks-voip/connection.json');
}

/** The variables a server started by a test or a bench needs to reach the local Asterisk. */
const SERVER_ASTERISK_VARS = ['ASTERISK_ROOT', 'ASTERISK_STATE_FILE', 'ASTERISK_CONF_DIR', 'ARI_URL', 'ARI_USER', 'ARI_PASSWORD'];

/**
 * The env for startTestServer: the state file of the Asterisk that loadLocalAsterisk finds (the
 * product's own root when nothing is set, as after `npm start`), and those of SERVER_ASTERISK_VARS
 * that `env` sets. Without the state file, a server started with none of them set had no Asterisk.
 */
export function serverAsteriskEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return { ASTERISK_STATE_FILE: stateFilePath(env), ...Object.fromEntries(SERVER_ASTERISK_VARS.flatMap((k) => (env[k] ? [[k, env[k]!]] : []))) };
}

/** The local Asterisk's AMI login, from its state file (what the server's publish checks use). */
export function localAmi(env: NodeJS.ProcessEnv = process.env): { host: string; port: number; user: string; secret: string } {
  const state = JSON.parse(readFileSync(stateFilePath(env), 'utf8')) as { amiHost: string; amiPort: number; amiUser: string; amiSecret: string };
  return { host: state.amiHost, port: state.amiPort, user: state.amiUser, secret: state.amiSecret };
}

/** Credentials and paths of the local Asterisk; throws LocalAsteriskError when there are none. */
export function loadLocalAsterisk(env: NodeJS.ProcessEnv = process.env): LocalAsterisk {
  const file = stateFilePath(env);
  let state: Partial<LocalAsterisk> = {};
  if (existsSync(file)) {
    try {
      state = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalAsterisk>;
    } catch (error) {
      throw new LocalAsteriskError('BAD_STATE_FILE', `cannot read ${file}: ${(error as Error).message}`);
    }
  }
  const ariUrl = env.ARI_URL ?? state.ariUrl;
  const ariUser = env.ARI_USER ?? state.ariUser;
  const ariPassword = env.ARI_PASSWORD ?? state.ariPassword;
  if (!ariUrl || !ariUser || !ariPassword) {
    throw new LocalAsteriskError(
      'NO_CREDENTIALS',
      `no ARI credentials: set ARI_URL/ARI_USER/ARI_PASSWORD (eval "$(asterisk/scripts/asterisk.sh env)") or provide ${file}`,
    );
  }
  return {
    ...state,
    ariUrl: ariUrl.replace(/\/+$/, ''),
    ariUser,
    ariPassword,
    confDir: env.ASTERISK_CONF_DIR ?? state.confDir,
  };
}

/** The secrets `asterisk.sh` generated (ARI_USER, ARI_PASSWORD, AMI_USER, AMI_SECRET, ENTITY_ID). */
export function readSecrets(root: string = process.env.ASTERISK_ROOT ?? DEFAULT_ASTERISK_ROOT): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const line of readFileSync(join(root, 'etc/stumpfworks-voip/secrets.env'), 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match) secrets[match[1]!] = match[2]!;
  }
  return secrets;
}

/** The numeric id of the root's `asterisk` group (the group the generated files must have). */
export function asteriskGid(root: string): number {
  const line = readFileSync(join(root, 'etc/group'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('asterisk:'));
  if (!line) throw new Error(`${root}/etc/group has no asterisk group`);
  return Number(line.split(':')[2]);
}

/**
 * Writes `stumpfworks/<name>` atomically (temp file + rename in the same dir), so Asterisk never
 * reads half a file. Returns the path. Reload the module afterwards.
 */
export function writeGeneratedFile(asterisk: LocalAsterisk, name: string, content: string): string {
  if (!asterisk.confDir) {
    throw new LocalAsteriskError('NO_CONF_DIR', 'the generated-files dir is unknown: set ASTERISK_CONF_DIR');
  }
  const target = join(asterisk.confDir, name);
  const temp = join(asterisk.confDir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  // As the server writes them (publish/conf-files.ts): 0640, read by Asterisk through the group.
  writeFileSync(temp, content, { mode: 0o640 });
  chmodSync(temp, 0o640);
  renameSync(temp, target);
  return target;
}

/** The current content of `stumpfworks/<name>`, or '' when missing. */
export function readGeneratedFile(asterisk: LocalAsterisk, name: string): string {
  const path = asterisk.confDir ? join(asterisk.confDir, name) : undefined;
  return path && existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/**
 * Keeps the generated files as they are now; the function returned writes them back and reloads
 * each file's module (for a suite's afterAll), so a suite leaves the Asterisk as it found it.
 */
export function keepGeneratedFiles(asterisk: LocalAsterisk, modules: Record<string, string>): () => Promise<void> {
  const kept = Object.fromEntries(Object.keys(modules).map((name) => [name, readGeneratedFile(asterisk, name)]));
  return async () => {
    for (const [name, module] of Object.entries(modules)) {
      writeGeneratedFile(asterisk, name, kept[name]!);
      await reloadModule(asterisk, module);
    }
  };
}

/** PUT /asterisk/modules/{name}: reloads synchronously; the new config is live on return. */
export async function reloadModule(asterisk: AriCredentials, module: string): Promise<void> {
  const response = await fetch(`${asterisk.ariUrl}/asterisk/modules/${encodeURIComponent(module)}`, {
    method: 'PUT',
    headers: { Authorization: `Basic ${Buffer.from(`${asterisk.ariUser}:${asterisk.ariPassword}`).toString('base64')}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`reload ${module}: HTTP ${response.status} ${await response.text()}`);
}

/** Writes a generated file and reloads the module that reads it. */
export async function writeAndReload(asterisk: LocalAsterisk, name: string, content: string, module: string): Promise<void> {
  writeGeneratedFile(asterisk, name, content);
  await reloadModule(asterisk, module);
}

/** Why the Asterisk is unusable (unreachable, bad password), or undefined when GET /asterisk/info works. */
export async function probeAsterisk(asterisk: AriCredentials, timeoutMs = 2000): Promise<string | undefined> {
  try {
    const response = await fetch(`${asterisk.ariUrl}/asterisk/info`, {
      headers: { Authorization: `Basic ${Buffer.from(`${asterisk.ariUser}:${asterisk.ariPassword}`).toString('base64')}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok ? undefined : `GET ${asterisk.ariUrl}/asterisk/info answered HTTP ${response.status}`;
  } catch (error) {
    return `no Asterisk at ${asterisk.ariUrl}: ${(error as Error).message}`;
  }
}

/** Current size of a log file (0 when missing): pass it to `readLogSince` later. */
export function logOffset(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/** What was appended to a log file since `offset`. */
export function readLogSince(path: string, offset: number): string {
  if (!existsSync(path)) return '';
  const size = statSync(path).size;
  if (size <= offset) return '';
  const buffer = Buffer.alloc(size - offset);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

/** The WARNING and ERROR lines of an Asterisk log text. */
export function problemLines(log: string): string[] {
  return log.split('\n').filter((line) => /\] (WARNING|ERROR)\[/.test(line));
}
