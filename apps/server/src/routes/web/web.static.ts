import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

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
  if (found) return { body: found, type: TYPES[extname(file)] ?? 'application/octet-stream', immutable: wanted.startsWith(`assets${sep}`) };
  if (extname(wanted) !== '') return undefined;
  const index = await readIfFile(join(root, 'index.html'));
  return index ? { body: index, type: TYPES['.html']!, immutable: false } : undefined;
}

async function readIfFile(file: string): Promise<Uint8Array | undefined> {
  try {
    if (!(await stat(file)).isFile()) return undefined;
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}
