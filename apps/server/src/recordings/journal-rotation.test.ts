import { appendFileSync, existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJournal, type JournalPosition } from './cdr-journal.js';
import { journalLine } from './cdr-journal.fixture.js';
import { readRotating } from './journal-rotation.js';

const dir = mkdtempSync(join(tmpdir(), 'swf-rotation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A reader as the recordings and the history have one: position stored after each chunk. */
function reader(maxBytes: number) {
  let stored: JournalPosition | undefined;
  const ids: string[] = [];
  const logs: string[] = [];
  const deps = {
    read: (file: string) => readJournal(file, stored, async (records, at) => {
      ids.push(...records.map((r) => r.uniqueid));
      stored = at;
    }),
    position: async () => stored,
    log: (line: string) => logs.push(line),
    maxBytes,
  };
  return { deps, ids, logs, at: () => stored };
}

describe('journal rotation', () => {
  it('renames a journal read to its end past the size, reads what came meanwhile, deletes it; the next file is read from its start', async () => {
    const path = join(dir, 'a.csv');
    const line = Buffer.byteLength(journalLine({ uniqueid: '1.1' }));
    const r = reader(2 * line);
    writeFileSync(path, journalLine({ uniqueid: '1.1' }));
    await readRotating(path, r.deps);
    expect(existsSync(path)).toBe(true); // below the size
    appendFileSync(path, journalLine({ uniqueid: '1.2' }) + journalLine({ uniqueid: '1.3' }));
    await readRotating(path, r.deps);
    expect(r.ids).toEqual(['1.1', '1.2', '1.3']);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.rotated`)).toBe(false);
    writeFileSync(path, journalLine({ uniqueid: '2.1' })); // Asterisk's next record
    await readRotating(path, r.deps);
    expect(r.ids).toEqual(['1.1', '1.2', '1.3', '2.1']);
  });

  it('after a crash reads the rest of a file left aside when the position is in it, and only deletes one read already', async () => {
    const path = join(dir, 'b.csv');
    const r = reader(1 << 20);
    writeFileSync(path, journalLine({ uniqueid: '3.1' }));
    await readRotating(path, r.deps);
    // Renamed, then a record landed in it before the server died.
    renameSync(path, `${path}.rotated`);
    appendFileSync(`${path}.rotated`, journalLine({ uniqueid: '3.2' }));
    writeFileSync(path, journalLine({ uniqueid: '4.1' }));
    await readRotating(path, r.deps);
    expect(r.ids).toEqual(['3.1', '3.2', '4.1']);
    expect(r.at()?.inode).toBe(statSync(path).ino);
    // A file aside that was read to its end before the crash (the position is in the new one): deleted unread.
    writeFileSync(`${path}.rotated`, journalLine({ uniqueid: '3.1' }));
    await readRotating(path, r.deps);
    expect(r.ids).toEqual(['3.1', '3.2', '4.1']);
    expect(existsSync(`${path}.rotated`)).toBe(false);
  });
});
