import { existsSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import type { JournalPosition } from './cdr-journal.js';

/** A journal is rotated once it was read to its end past this size (the CEL journal: some 25,000 calls). */
export const ROTATE_BYTES = 32 << 20;

export interface RotationDeps {
  /** Reads `file` on from the stored position and stores the new one (the journal's own reader). */
  read: (file: string) => Promise<void>;
  /** The stored position. */
  position: () => Promise<JournalPosition | undefined>;
  log: (line: string) => void;
  maxBytes?: number;
}

/**
 * Reads an Asterisk journal (cdr_custom/cel_custom) and keeps it small: once it was read to its end
 * past `maxBytes` it is renamed aside, what was written into it meanwhile is read, and it is
 * deleted. Asterisk opens the journal for each record (res/cdrel_custom/writers.c), so its next
 * record starts a new file, which the reader takes from its start (another inode). A file left
 * aside by a crash is read first when the stored position is in it, else it was read already.
 * A journal the server may not rename (a read-only volume) is read as before and not rotated.
 */
export async function readRotating(path: string, deps: RotationDeps): Promise<void> {
  const aside = `${path}.rotated`;
  if (existsSync(aside)) await drain(aside, deps);
  await deps.read(path);
  const info = await stat(path).catch(() => undefined);
  const at = await deps.position();
  if (!info || info.size < (deps.maxBytes ?? ROTATE_BYTES) || at?.inode !== info.ino || at.offset < info.size) return;
  try {
    await rename(path, aside);
  } catch (error) {
    deps.log(`[journal] cannot rotate ${path} (${(error as Error).message}); it keeps growing`);
    return;
  }
  // A record Asterisk began before the rename still lands in the old file: give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 100));
  await drain(aside, deps);
}

async function drain(aside: string, deps: RotationDeps): Promise<void> {
  const info = await stat(aside);
  if ((await deps.position())?.inode === info.ino) await deps.read(aside);
  await rm(aside, { force: true });
}
