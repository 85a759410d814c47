type Op = [' ' | '-' | '+', string];

/**
 * The most edits worked out line by line in one changed region. Beyond it the region is shown as
 * removed and added whole: still a correct diff, and the time and memory stay bounded (Myers'
 * algorithm takes about (lines × edits) steps and edits² memory).
 */
export const MAX_EXACT_EDITS = 1000;

/**
 * A unified diff of two texts (line based, 3 lines of context), like `diff -u`. Common head and
 * tail are cut first; the middle uses Myers' O(ND) algorithm, so a few changes far apart in a
 * large file cost little.
 */
export function unifiedDiff(name: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push([' ', a[i]!]);
  for (const op of middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail))) ops.push(op);
  for (let i = a.length - tail; i < a.length; i++) ops.push([' ', a[i]!]);
  return `--- a/${name}\n+++ b/${name}\n${hunks(ops, context)}`;
}

/**
 * The diff with every `password = ...` line's value replaced by `********` (pjsip.conf holds the
 * SIP secrets of extensions and trunks; the API never shows them after creation). A changed
 * secret still shows as a removed and an added line.
 */
export function maskSecrets(diff: string): string {
  return diff.replace(/^([ +-]\s*password\s*=\s*).+$/gm, '$1********');
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The edit script of a and b, removals before additions in each changed block (as diff -u prints them). */
function middle(a: string[], b: string[]): Op[] {
  const exact = a.length > 0 && b.length > 0 && Math.abs(a.length - b.length) <= MAX_EXACT_EDITS ? shortestEdit(a, b) : undefined;
  return removalsFirst(exact ?? [...a.map((line): Op => ['-', line]), ...b.map((line): Op => ['+', line])]);
}

/**
 * Myers' shortest edit script, or undefined when it needs more than MAX_EXACT_EDITS edits.
 * `v[k]` is the furthest x reached on diagonal k = x - y; `trace[d]` keeps diagonals -d..d as they
 * were before step d, for the walk back.
 */
function shortestEdit(a: string[], b: string[]): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EXACT_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return walkBack(trace, a, b);
    }
  }
  return undefined;
}

function walkBack(trace: Int32Array[], a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const v = trace[d]!;
    const at = (k: number) => v[k + d]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousX = at(down ? k + 1 : k - 1);
    const previousY = previousX - (down ? k + 1 : k - 1);
    for (; x > previousX && y > previousY; x--, y--) ops.push([' ', a[x - 1]!]);
    ops.push(down ? ['+', b[y - 1]!] : ['-', a[x - 1]!]);
    x = previousX;
    y = previousY;
  }
  for (; x > 0 && y > 0; x--, y--) ops.push([' ', a[x - 1]!]);
  return ops.reverse();
}

/** Reorders each run of changed lines: the removed ones first, then the added ones. */
function removalsFirst(ops: Op[]): Op[] {
  const out: Op[] = [];
  let added: Op[] = [];
  for (const op of ops) {
    if (op[0] === '+') added.push(op);
    else if (op[0] === '-') out.push(op);
    else {
      for (const add of added) out.push(add);
      added = [];
      out.push(op);
    }
  }
  for (const add of added) out.push(add);
  return out;
}

function hunks(ops: Op[], context: number): string {
  const changed: number[] = [];
  for (let index = 0; index < ops.length; index++) if (ops[index]![0] !== ' ') changed.push(index);
  const out: string[] = [];
  // Line numbers (1-based) in the old and new text at op `cursor`, advanced from hunk to hunk.
  let cursor = 0;
  let oldLine = 1;
  let newLine = 1;
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k]! - context);
    let end = Math.min(ops.length, changed[k]! + context + 1);
    while (k + 1 < changed.length && changed[k + 1]! - context <= end) {
      k++;
      end = Math.min(ops.length, changed[k]! + context + 1);
    }
    k++;
    for (; cursor < start; cursor++) {
      if (ops[cursor]![0] !== '+') oldLine++;
      if (ops[cursor]![0] !== '-') newLine++;
    }
    const slice = ops.slice(start, end);
    const oldLen = slice.filter((op) => op[0] !== '+').length;
    const newLen = slice.filter((op) => op[0] !== '-').length;
    out.push(`@@ -${oldLen === 0 ? oldLine - 1 : oldLine},${oldLen} +${newLen === 0 ? newLine - 1 : newLine},${newLen} @@`);
    for (const [tag, line] of slice) out.push(`${tag}${line}`);
  }
  return `${out.join('\n')}\n`;
}
