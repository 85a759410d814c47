import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CDR_FIELDS, journalEnd, parseCdrRecords, readJournal, type JournalPosition } from './cdr-journal.js';
import { journalLine } from './cdr-journal.fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'swf-cdr-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CDR journal', () => {
  it('has the fields cdr_custom.conf writes, in its order', () => {
    const conf = readFileSync(fileURLToPath(new URL('../../../../asterisk/conf/cdr_custom.conf', import.meta.url)), 'utf8');
    const fields = /^fields = (.*)$/m.exec(conf)![1]!.split(',').map((f) => f.replace(/\(.*\)$/, ''));
    expect(fields).toEqual(['"v1"', ...CDR_FIELDS]);
  });

  it('reads quoted fields with commas, doubled quotes and newlines (a hostile caller name), and leaves an unfinished record', () => {
    const hostile = 'Evil, "Name"\r\nX-Injected: 1\\';
    const first = journalLine({ uniqueid: '1765090000.1', clid: `"${hostile}" <0301>`, src: '0301' });
    const second = journalLine({ uniqueid: '1765090000.2' });
    const text = first + second + second.slice(0, 20);
    const { records, consumedBytes, skipped } = parseCdrRecords(Buffer.from(text));
    expect(records.map((r) => [r.uniqueid, r.clid, r.src])).toEqual([
      ['1765090000.1', `"${hostile}" <0301>`, '0301'],
      ['1765090000.2', '', ''],
    ]);
    expect(consumedBytes).toBe(Buffer.byteLength(first + second));
    expect(skipped).toBe(0);
    // A record that ends right after a quote may still be a doubled one: not complete yet.
    expect(parseCdrRecords(Buffer.from(first.slice(0, -2))).consumedBytes).toBe(0);
  });

  it('keeps its place past bytes that are not UTF-8 (a caller number Asterisk cut inside a character), over chunk ends', async () => {
    // "ü" is two bytes; Asterisk cuts a number at 80 bytes, leaving half of one.
    const cut = Buffer.concat([Buffer.from('ü'.repeat(39)), Buffer.from('ü').subarray(0, 1)]);
    const bad = Buffer.from(journalLine({ uniqueid: '4.0', src: 'SRC' }).replace('SRC', '\0'), 'utf8');
    const at = bad.indexOf('\0');
    const record = Buffer.concat([bad.subarray(0, at), cut, bad.subarray(at + 1)]);
    const parsed = parseCdrRecords(record);
    expect(parsed.consumedBytes).toBe(record.length);
    expect(parsed.records[0]!.src).toBe(`${'ü'.repeat(39)}\ufffd`);
    // 1.5 MB of such records: the second chunk starts exactly at a record.
    const path = join(dir, 'bad-bytes.csv');
    const count = Math.ceil(1.5 * (1 << 20) / record.length);
    writeFileSync(path, Buffer.concat(Array.from({ length: count }, () => record)));
    let read = 0;
    await readJournal(path, undefined, async (records) => void (read += records.length));
    expect(read).toBe(count);
  });

  it('skips records of another version or shape', () => {
    const { records, skipped } = parseCdrRecords(Buffer.from(`"v2","x"\n"v1","too","few"\n\n${journalLine({ uniqueid: '1.1' })}`));
    expect(records.map((r) => r.uniqueid)).toEqual(['1.1']);
    expect(skipped).toBe(2);
  });

  it('reads on from a position, and from the start of a journal that was replaced', async () => {
    const path = join(dir, 'cdr.csv');
    const read = async (from: JournalPosition | undefined) => {
      const ids: string[] = [];
      let position: JournalPosition | undefined;
      await readJournal(path, from, async (records, at) => {
        ids.push(...records.map((r) => r.uniqueid));
        position = at;
      });
      return { ids, position };
    };
    expect(await read(undefined)).toEqual({ ids: [], position: undefined }); // no journal yet
    writeFileSync(path, journalLine({ uniqueid: '1.1' }) + journalLine({ uniqueid: '1.2' }));
    const first = await read(undefined);
    expect(first.ids).toEqual(['1.1', '1.2']);
    appendFileSync(path, journalLine({ uniqueid: '1.3' }));
    const second = await read(first.position);
    expect(second.ids).toEqual(['1.3']);
    expect(await read(second.position)).toEqual({ ids: [], position: undefined });
    // Rotated: a new file (another inode) is read from its start.
    rmSync(path);
    writeFileSync(path, journalLine({ uniqueid: '2.1' }));
    expect((await read(second.position)).ids).toEqual(['2.1']);
  });

  it('marks its end after the last complete record, not inside one being written', async () => {
    const path = join(dir, 'end.csv');
    expect(await journalEnd(path)).toBeUndefined();
    const whole = journalLine({ uniqueid: '3.1', clid: 'two\nlines' });
    writeFileSync(path, whole + journalLine({ uniqueid: '3.2' }).slice(0, 30));
    const end = (await journalEnd(path))!;
    expect(end.offset).toBe(Buffer.byteLength(whole));
    appendFileSync(path, journalLine({ uniqueid: '3.2' }).slice(30));
    const ids: string[] = [];
    await readJournal(path, end, async (records) => void ids.push(...records.map((r) => r.uniqueid)));
    expect(ids).toEqual(['3.2']);
  });
});
