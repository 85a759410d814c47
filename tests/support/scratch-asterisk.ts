/**
 * A second Asterisk from the same root, with a config dir of its own rendered by render-conf.sh
 * (the code `asterisk.sh configure` and the container run) and settings of the test's choosing,
 * e.g. other listen addresses. It shares the root's binaries, modules and sounds, but not its
 * config, run dir (control socket, pid), log or astdb, so the suite's Asterisk is left alone.
 * Needs root (chroot), like the local Asterisk itself.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { asteriskGid } from './local-asterisk.js';

export const SCRIPTS_DIR = join(import.meta.dirname, '../../asterisk/scripts');

/** The environment without the suite's own SWF_* settings, so that only `settings` count. */
export function envWithout(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SWF_')));
  return { ...env, ...settings };
}

/**
 * Runs a bash snippet with render-conf.sh (and common.sh) sourced; `$1`… are `args`. Returns
 * what it printed (render-conf.sh logs to stderr); throws with that when it fails.
 */
export function withRenderConf(script: string, args: string[], settings: Record<string, string>): string {
  const run = spawnSync('bash', ['-c', `. "${SCRIPTS_DIR}/common.sh"; . "${SCRIPTS_DIR}/render-conf.sh"; ${script}`, 'render', ...args], {
    env: envWithout(settings),
    encoding: 'utf8',
  });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`render-conf.sh failed (exit ${run.status}): ${output}`);
  return output;
}

/** A TCP port nobody listens on right now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ScratchAsterisk {
  pid: number;
  /** Host path of its etc dir (`etc/asterisk`), generated dir included. */
  etcDir: string;
  /** Host path of its generated-files dir. */
  generatedDir: string;
  /** `asterisk -rx` against this instance. */
  rx(command: string): string;
  stop(): void;
}

/**
 * Renders the base config into `<root>/tmp/swf-scratch-*` with `settings` (SWF_* variables),
 * secures the generated dir as `asterisk.sh configure` does, and starts Asterisk on it.
 */
export function startScratchAsterisk(root: string, settings: Record<string, string>): ScratchAsterisk {
  const hostDir = mkdtempSync(join(root, 'tmp/swf-scratch-'));
  chmodSync(hostDir, 0o755); // mkdtemp makes it 0700; Asterisk runs as asterisk
  const inside = hostDir.slice(root.length);
  const etcDir = join(hostDir, 'etc/asterisk');
  // Debian's other configs (acl.conf, features.conf, ...) as the root has them; our files over them.
  cpSync(join(root, 'etc/asterisk'), etcDir, { recursive: true, filter: (source) => !source.endsWith('/stumpfworks') });
  for (const dir of ['run', 'log', 'db', 'state']) mkdirSync(join(hostDir, dir));
  const gid = asteriskGid(root);
  withRenderConf(
    'render_conf "$1" "$2" "$3" && secure_generated_dir "$2/stumpfworks" 0 "$4"',
    [join(SCRIPTS_DIR, '../conf'), etcDir, join(hostDir, 'state'), String(gid)],
    { ...settings, SWF_ASTDB_DIR: `${inside}/db` },
  );
  const conf = join(etcDir, 'asterisk.conf');
  const dirs = [`astetcdir => ${inside}/etc/asterisk`, `astrundir => ${inside}/run`, `astlogdir => ${inside}/log`].join('\n');
  writeFileSync(conf, readFileSync(conf, 'utf8').replace(/^\[directories\]$/m, `[directories]\n${dirs}`));
  // Asterisk runs as asterisk: it reads the configs through the group and writes run, log and db.
  execFileSync('chown', ['-R', `0:${gid}`, etcDir]);
  execFileSync('chroot', [root, 'chown', '-R', 'asterisk:asterisk', `${inside}/run`, `${inside}/log`, `${inside}/db`]);
  const confInside = `${inside}/etc/asterisk/asterisk.conf`;
  const rx = (command: string) =>
    execFileSync('chroot', [root, '/usr/sbin/asterisk', '-C', confInside, '-rx', command], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
  execFileSync('chroot', [root, '/usr/sbin/asterisk', '-C', confInside, '-U', 'asterisk', '-G', 'asterisk'], { stdio: 'ignore' });
  let booted = false;
  let lastAnswer = '';
  // `core waitfullybooted` waits itself once the control socket is up; until then it fails at once.
  for (let attempt = 0; attempt < 300 && !booted; attempt++) {
    try {
      booted = rx('core waitfullybooted').includes('fully booted');
    } catch (error) {
      lastAnswer = (error as Error).message;
      execFileSync('sleep', ['0.1']);
    }
  }
  const pidFile = join(hostDir, 'run/asterisk.pid');
  if (!booted || !existsSync(pidFile)) {
    const log = existsSync(join(hostDir, 'log/messages.log')) ? readFileSync(join(hostDir, 'log/messages.log'), 'utf8') : '(no log)';
    rmSync(hostDir, { recursive: true, force: true });
    throw new Error(`the scratch Asterisk did not boot (${lastAnswer}):\n${log.slice(-2000)}`);
  }
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return {
    pid,
    etcDir,
    generatedDir: join(etcDir, 'stumpfworks'),
    rx,
    stop() {
      try {
        rx('core stop now');
      } catch (error) {
        // The process may be gone already; the loop below tells.
        console.warn(`[scratch asterisk] core stop now: ${(error as Error).message}`);
      }
      for (let attempt = 0; attempt < 150 && existsSync(`/proc/${pid}`); attempt++) execFileSync('sleep', ['0.1']);
      if (existsSync(`/proc/${pid}`)) process.kill(pid, 'SIGKILL');
      rmSync(hostDir, { recursive: true, force: true });
    },
  };
}
