import { latestRound, type BanEnforcer } from './ban-enforcer.js';
import { renderKernelBans, type EnforcedBan, type KernelTarget } from './nft-script.js';
import type { NftRunner } from './nft.js';

export interface KernelEnforcerDeps {
  target: KernelTarget;
  nft: NftRunner;
  now?: () => number;
  log?: (line: string) => void;
}

/**
 * The kernel's drop of banned addresses on the SIP ports (nft-script.ts): every apply replaces our
 * table in one nft transaction, with each ban's remaining time as its element's timeout. Unlike
 * the ACL it does not skip an unchanged set: a replace costs one nft run (a few ms, no Asterisk
 * reload), and it puts the table back after another firewall tool flushed the ruleset.
 */
export function kernelEnforcer(deps: KernelEnforcerDeps): BanEnforcer {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => undefined);
  let desired: EnforcedBan[] = [];
  let live = new Set<string>();

  const round = async () => {
    const bans = desired;
    const at = now();
    try {
      await deps.nft(renderKernelBans(deps.target, bans, at));
    } catch (error) {
      log(`[security] the kernel did not take the bans (table inet ${deps.target.table}, ${bans.length} addresses): ${(error as Error).message}`);
      return false;
    }
    live = new Set(bans.filter((b) => b.until > at).map((b) => b.address));
    return true;
  };
  const schedule = latestRound(round);

  return {
    kind: 'kernel',
    apply(bans) {
      desired = [...bans];
      return schedule();
    },
    live: () => live,
  };
}

/**
 * Whether the kernel drop can be used here: nft checks (`-c`, nothing applied) the script of our
 * table without bans, which needs the nft binary, root or CAP_NET_ADMIN, and a kernel with
 * nf_tables and the `inet` family. Resolves undefined when it can, else the reason.
 */
export async function kernelUnavailable(target: KernelTarget, nft: NftRunner): Promise<string | undefined> {
  try {
    await nft(renderKernelBans(target, [], 0), { check: true });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
