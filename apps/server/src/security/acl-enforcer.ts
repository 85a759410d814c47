import type { ConfFiles } from '../publish/conf-files.js';
import { latestRound, type BanEnforcer } from './ban-enforcer.js';
import { BANS_FILE, renderBans } from './bans-file.js';

export interface AclEnforcerDeps {
  files: ConfFiles;
  /** Reloads the module that reads the bans file (res_pjsip.so over ARI). */
  reload: () => Promise<void>;
  /** Runs the write and the reload exclusively (the server's ReloadGate: never beside a publish). */
  exclusive?: <T>(fn: () => Promise<T>) => Promise<T>;
  log?: (line: string) => void;
}

/**
 * The pjsip ACL of BANS_FILE, applied with a reload of res_pjsip (docs/asterisk-notes.md, (k)):
 * the file is written when it changed and the module reloaded. When the reload fails the file is
 * written all the same (Asterisk reads it at its next start), and the next apply reloads it even if
 * nothing changed.
 */
export function aclEnforcer(deps: AclEnforcerDeps): BanEnforcer {
  const exclusive = deps.exclusive ?? (<T>(fn: () => Promise<T>) => fn());
  const log = deps.log ?? (() => undefined);
  let desired: string[] = [];
  let live = new Set<string>();
  /** The text Asterisk was last reloaded with; undefined until the first round. */
  let liveText: string | undefined;
  let failed = false;

  const round = () =>
    exclusive(async () => {
      const addresses = desired;
      let text: string;
      let onDisk: string;
      try {
        text = renderBans(addresses);
        onDisk = deps.files.read(BANS_FILE);
        if (onDisk !== text) await deps.files.write(BANS_FILE, text);
      } catch (error) {
        failed = true;
        log(`[security] writing ${BANS_FILE} failed (${addresses.length} addresses): ${(error as Error).message}`);
        return false;
      }
      // The first round of a process finds the file Asterisk read at its start or last reload.
      if (!failed && (liveText === undefined ? onDisk === text : liveText === text)) {
        liveText = text;
        live = new Set(addresses);
        return true;
      }
      try {
        await deps.reload();
      } catch (error) {
        failed = true;
        log(`[security] Asterisk did not reload the bans (${addresses.length} addresses): ${(error as Error).message}`);
        return false;
      }
      failed = false;
      liveText = text;
      live = new Set(addresses);
      return true;
    });

  const schedule = latestRound(round);

  return {
    kind: 'acl',
    apply(bans) {
      desired = bans.map((b) => b.address);
      return schedule();
    },
    live: () => live,
  };
}
