import { chmodSync, chownSync, existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The generated-files dir; injected so tests can use a temp dir. */
export interface ConfFiles {
  read(name: string): string;
  /** Writes atomically: a temp file in the same dir, then rename. */
  write(name: string, text: string): Promise<void> | void;
}

/** Generated files hold SIP and trunk passwords: the owner writes, Asterisk reads through the group, others nothing. */
export const CONF_FILE_MODE = 0o640;

export function confFilesIn(dir: string): ConfFiles {
  return {
    read(name) {
      const file = join(dir, name);
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    },
    // Synchronous on purpose: a few hundred KB into the page cache take well under a millisecond,
    // while the thread pool's callbacks would wait behind whatever the publish computes meanwhile
    // (the diff), delaying the first reload.
    write(name, text) {
      const file = join(dir, name);
      const temp = join(dir, `.${name}.${process.pid}.tmp`);
      writeFileSync(temp, text, { mode: CONF_FILE_MODE });
      try {
        chmodSync(temp, CONF_FILE_MODE); // the umask may have taken bits from writeFileSync's mode
        keepGroup(temp, existsSync(file) ? file : dir);
      } catch (error) {
        unlinkSync(temp);
        throw error;
      }
      renameSync(temp, file);
    },
  };
}

/**
 * Gives `temp` the group of `model` (the file it replaces, else the dir). The dir is setgid
 * asterisk (asterisk.sh configure, the container's entrypoint), so the group is normally right
 * already; without setgid the file would get the writer's own group and Asterisk could not read it.
 */
function keepGroup(temp: string, model: string): void {
  const wanted = statSync(model).gid;
  if (statSync(temp).gid === wanted) return;
  try {
    chownSync(temp, -1, wanted);
  } catch (error) {
    throw new Error(
      `cannot give ${temp} the group ${wanted} of ${model}, so Asterisk could not read it ` +
        `(${(error as Error).message}); make the generated-files dir setgid, group asterisk (asterisk.sh configure does)`,
      { cause: error },
    );
  }
}
