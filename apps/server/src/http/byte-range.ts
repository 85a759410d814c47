/**
 * One byte range of an HTTP `Range` header (RFC 9110 14.1.2) over a file of `size` bytes: the
 * first and last byte (inclusive). `undefined` when there is no usable header (answer the whole
 * file, 200); `'unsatisfiable'` when it starts past the end (416). Several ranges in one header
 * (`bytes=0-1,5-6`) get the whole file: audio players ask for one.
 */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    // A suffix: the last N bytes.
    const length = Number(match[2]);
    if (length === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
