import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export interface StaticFile {
  body: Uint8Array;
  type: string;
  /** Vite's hashed assets never change under their name. */
  immutable: boolean;
  /** The file on disk and its modification time: which version of it `body` is. */
  path: string;
  mtimeMs: number;
}

/**
 * The file for a URL path inside `root`, or undefined. Paths without a file extension get
 * index.html (the app's own routes); paths that leave the root get nothing.
 */
export async function findStaticFile(root: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const wanted = relative === '' || relative.endsWith(sep) ? join(relative, 'index.html') : relative;
  const file = join(root, wanted);
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  const found = await readIfFile(file);
  if (found) return { ...found, type: TYPES[extname(file)] ?? 'application/octet-stream', immutable: wanted.startsWith(`assets${sep}`) };
  if (extname(wanted) !== '') return undefined;
  const index = await readIfFile(join(root, 'index.html'));
  return index ? { ...index, type: TYPES['.html']!, immutable: false } : undefined;
}

async function readIfFile(path: string): Promise<Pick<StaticFile, 'body' | 'path' | 'mtimeMs'> | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    return { body: await readFile(path), path, mtimeMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Types worth compressing (text; the app's scripts are most of its 2 MB). */
const COMPRESSIBLE = /^(text\/|application\/(json|wasm)|image\/svg\+xml)/;
/** Smaller files are sent as they are: gzip's header and a round of work gain nothing there. */
const MIN_COMPRESSED_BYTES = 1024;
/** Compressed files kept, by path and modification time; a rebuilt file is compressed again. */
const MAX_CACHED = 64;
const gzippedFiles = new Map<string, Promise<Uint8Array>>();
const gzipAsync = promisify(gzip);

/** Whether an `Accept-Encoding` header takes gzip (not `gzip;q=0`). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((entry) => {
    const [coding = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Whether `file` is sent gzip-compressed to clients that take it. */
export function compressible(file: StaticFile): boolean {
  return COMPRESSIBLE.test(file.type) && file.body.byteLength >= MIN_COMPRESSED_BYTES;
}

/** `file` compressed with gzip (level 9), made once per version of the file and kept in memory. */
export function gzipped(file: StaticFile): Promise<Uint8Array> {
  const key = `${file.path}\0${file.mtimeMs}\0${file.body.byteLength}`;
  let made = gzippedFiles.get(key);
  if (!made) {
    made = gzipAsync(file.body, { level: constants.Z_BEST_COMPRESSION });
    made.catch(() => gzippedFiles.delete(key));
    gzippedFiles.set(key, made);
    if (gzippedFiles.size > MAX_CACHED) gzippedFiles.delete(gzippedFiles.keys().next().value!);
  }
  return made;
}
