import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The generated-files dir; injected so tests can use a temp dir. */
export interface ConfFiles {
  read(name: string): string;
  /** Writes atomically: a temp file in the same dir, then rename. */
  write(name: string, text: string): Promise<void> | void;
}

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
      writeFileSync(temp, text, { mode: 0o640 });
      chmodSync(temp, 0o640); // Asterisk reads it through the group (the dir is setgid asterisk); it holds secrets
      renameSync(temp, file);
    },
  };
}
