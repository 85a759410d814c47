/**
 * A small ustar writer and reader, just what a backup needs: regular files, nothing else.
 *
 * Why not a tar library: the archive is written in one pass, each file hashed (SHA-256) as its
 * bytes go by, with the manifest of those hashes as the last entry; and the reader accepts only what
 * the writer makes (regular files, relative names checked by the caller before anything is
 * written), so links, devices, absolute names and `..` never reach the disk. node:zlib does the gzip.
 */

const BLOCK = 512;
/** The largest size the 11 octal digits of a ustar header hold (8 GiB - 1). */
const MAX_SIZE = 8 ** 11 - 1;

export class TarFormatError extends Error {}

/** Splits a name into ustar's prefix (155) and name (100) fields, at a `/`. */
function splitName(path: string): { prefix: string; name: string } {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { prefix, name };
  }
  throw new TarFormatError(`name too long for the archive: ${path}`);
}

function writeField(block: Buffer, offset: number, length: number, text: string): void {
  block.write(text, offset, length, 'utf8');
}

const octal = (value: number, digits: number) => value.toString(8).padStart(digits, '0');

/** The 512-byte header of a regular file. */
export function fileHeader(path: string, size: number, mtimeSeconds: number, mode = 0o600): Buffer {
  if (size > MAX_SIZE) throw new TarFormatError(`file too large for the archive (at most 8 GiB): ${path}`);
  const { prefix, name } = splitName(path);
  const block = Buffer.alloc(BLOCK);
  writeField(block, 0, 100, name);
  writeField(block, 100, 8, `${octal(mode & 0o7777, 7)}\0`);
  writeField(block, 108, 8, `${octal(0, 7)}\0`);
  writeField(block, 116, 8, `${octal(0, 7)}\0`);
  writeField(block, 124, 12, `${octal(size, 11)}\0`);
  writeField(block, 136, 12, `${octal(Math.max(0, Math.floor(mtimeSeconds)), 11)}\0`);
  block.fill(0x20, 148, 156); // the checksum counts its own field as spaces
  block[156] = 0x30; // '0': regular file
  writeField(block, 257, 6, 'ustar\0');
  writeField(block, 263, 2, '00');
  writeField(block, 345, 155, prefix);
  writeField(block, 148, 8, `${octal(checksum(block), 6)}\0 `);
  return block;
}

function checksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum;
}

/** Zero bytes that fill a file's data up to the next block. */
export function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

/** The end of an archive: two zero blocks. */
export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

/** One entry as the reader found it. */
export interface TarEntry {
  path: string;
  size: number;
}

function readString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readOctal(block: Buffer, offset: number, length: number, what: string): number {
  const text = readString(block, offset, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`the ${what} field of an entry is not a number`);
  return parseInt(text, 8);
}

/** Parses a header block; undefined for a zero block (the end). */
export function parseHeader(block: Buffer): TarEntry | undefined {
  if (block.every((b) => b === 0)) return undefined;
  if (readString(block, 257, 6) !== 'ustar') throw new TarFormatError('not a ustar archive entry');
  if (readOctal(block, 148, 8, 'checksum') !== checksum(block)) throw new TarFormatError('an entry header is damaged (checksum)');
  const type = String.fromCharCode(block[156]!);
  const prefix = readString(block, 345, 155);
  const name = readString(block, 0, 100);
  const path = prefix ? `${prefix}/${name}` : name;
  if (type !== '0' && type !== '\0') throw new TarFormatError(`the entry ${path} is not a regular file (type ${JSON.stringify(type)})`);
  return { path, size: readOctal(block, 124, 12, 'size') };
}

/** What the reader calls for each entry: where its bytes go. */
export interface EntrySink {
  write(chunk: Buffer): Promise<void> | void;
  end(): Promise<void> | void;
}

/**
 * Reads an (already unpacked) tar stream: for each file, `open(entry)` gives where its bytes go.
 * Throws TarFormatError when the stream ends inside an entry or without the end blocks.
 */
export async function readTar(chunks: AsyncIterable<Buffer>, open: (entry: TarEntry) => Promise<EntrySink> | EntrySink): Promise<void> {
  let buffer: Buffer = Buffer.alloc(0);
  let sink: EntrySink | undefined;
  let remaining = 0; // data bytes of the current entry still to come
  let skip = 0; // padding bytes after it
  let ended = false;
  for await (const chunk of chunks) {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    for (;;) {
      if (ended) {
        buffer = Buffer.alloc(0); // what follows the end blocks (tar pads to a record) is ignored
        break;
      }
      if (sink) {
        if (remaining > 0) {
          if (buffer.length === 0) break;
          const take = Math.min(remaining, buffer.length);
          await sink.write(buffer.subarray(0, take));
          buffer = buffer.subarray(take);
          remaining -= take;
          if (remaining > 0) break;
        }
        await sink.end();
        sink = undefined;
        continue;
      }
      if (skip > 0) {
        const take = Math.min(skip, buffer.length);
        buffer = buffer.subarray(take);
        skip -= take;
        if (skip > 0) break;
        continue;
      }
      if (buffer.length < BLOCK) break;
      const entry = parseHeader(buffer.subarray(0, BLOCK));
      buffer = buffer.subarray(BLOCK);
      if (!entry) {
        ended = true;
        continue;
      }
      sink = await open(entry);
      remaining = entry.size;
      skip = padding(entry.size).length;
    }
  }
  if (!ended) throw new TarFormatError('the archive ends too early (truncated)');
}
