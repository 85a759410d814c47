import { spawn } from 'node:child_process';

/** Runs an nft script (`nft -f -`, or `nft -c -f -` to check it without applying); rejects with nft's own words. */
export type NftRunner = (script: string, options?: { check?: boolean }) => Promise<void>;

/** How long one nft run may take before it counts as failed (it takes a few ms). */
const NFT_TIMEOUT_MS = 10_000;

/** Runs `command args`, writing `input` to its stdin; its stdout, or a rejection naming the exit and nft's first error lines. */
function run(command: string, args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: NFT_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code === 'ENOENT' ? `${command} is not installed (Debian package nftables)` : error.message)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} failed (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(0, 4).join(' | ') || 'no message'}`));
    });
    // A child that failed to start has no reader: that EPIPE is the 'error' above, told already.
    child.stdin.on('error', (error: Error) => void (stderr += `(stdin: ${error.message})`));
    child.stdin.end(input);
  });
}

/**
 * The `nft` CLI of the host (Debian `nftables`), found on PATH. A script is applied as one
 * transaction. Fails when nft is missing ("nft is not installed") or refuses (without root or
 * CAP_NET_ADMIN: "Operation not permitted").
 */
export function nftCli(command = 'nft'): NftRunner {
  return async (script, options = {}) => void (await run(command, [...(options.check ? ['-c'] : []), '-f', '-'], script));
}

/**
 * `nft -j <args>` parsed (e.g. `['list', 'tables']`): the JSON list under `nftables`. For the
 * tests and the bench, which read the table the server made; the server only writes.
 */
export async function nftJson(args: readonly string[], command = 'nft'): Promise<Array<Record<string, unknown>>> {
  const output = await run(command, ['-j', ...args], '');
  return (JSON.parse(output) as { nftables: Array<Record<string, unknown>> }).nftables;
}
