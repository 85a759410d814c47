type Tag = ' ' | '-' | '+';

/**
 * A run of lines of one kind: kept or removed lines `start..end` of the old text, or added lines
 * `start..end` of the new one. The edit script is a list of runs, so that a long kept or added
 * stretch (a whole new file) costs one slice, not one entry per line.
 */
interface Run {
  tag: Tag;
  start: number;
  end: number;
}

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
  const runs: Run[] = [{ tag: ' ', start: 0, end: head }];
  for (const run of middle(a, b, head, a.length - tail, b.length - tail)) runs.push(run);
  runs.push({ tag: ' ', start: a.length - tail, end: a.length });
  // One join at the end: the text comes out flat, not as pieces that each later use would copy again.
  return [`--- a/${name}`, `+++ b/${name}`, ...hunks(runs.filter((run) => run.end > run.start), a, b, context), ''].join('\n');
}

/**
 * The diff with every `password = ...` line's value replaced by `********` (pjsip.conf holds the
 * SIP secrets of extensions and trunks; the API never shows them after creation). A changed
 * secret still shows as a removed and an added line.
 */
export function maskSecrets(diff: string): string {
  return diff.includes('password') ? diff.replace(/^([ +-]\s*password\s*=\s*).+$/gm, '$1********') : diff;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The runs turning a[aStart..aEnd] into b[aStart..bEnd] (both start at the same line, after the
 * common head), removals before additions in each changed block (as diff -u prints them).
 */
function middle(a: string[], b: string[], start: number, aEnd: number, bEnd: number): Run[] {
  const n = aEnd - start;
  const m = bEnd - start;
  const exact = n > 0 && m > 0 && Math.abs(n - m) <= MAX_EXACT_EDITS && shareALine(a, b, start, aEnd, bEnd) ? shortestEdit(a, b, start, aEnd, bEnd) : undefined;
  return removalsFirst(
    exact ?? [
      { tag: '-', start, end: aEnd },
      { tag: '+', start, end: bEnd },
    ],
  );
}

/**
 * Whether a[start..aEnd] and b[start..bEnd] have a line in common. Without one, the shortest edit
 * script is all removed and all added (what middle makes without asking Myers, who would take
 * (n + m)² steps to find it: a file replaced as a whole).
 */
function shareALine(a: string[], b: string[], start: number, aEnd: number, bEnd: number): boolean {
  const [small, smallEnd, large, largeEnd] = aEnd <= bEnd ? [a, aEnd, b, bEnd] : [b, bEnd, a, aEnd];
  const lines = new Set<string>();
  for (let i = start; i < smallEnd; i++) lines.add(small[i]!);
  for (let i = start; i < largeEnd; i++) if (lines.has(large[i]!)) return true;
  return false;
}

/**
 * Myers' shortest edit script of a[start..aEnd] and b[start..bEnd] as runs, or undefined when it
 * needs more than MAX_EXACT_EDITS edits. `v[k]` is the furthest x reached on diagonal k = x - y
 * (x, y counted from `start`); `trace[d]` keeps diagonals -d..d as they were before step d, for
 * the walk back.
 */
function shortestEdit(a: string[], b: string[], start: number, aEnd: number, bEnd: number): Run[] | undefined {
  const n = aEnd - start;
  const m = bEnd - start;
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
      while (x < n && y < m && a[start + x] === b[start + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return walkBack(trace, n, m, start);
    }
  }
  return undefined;
}

/** The runs of the path found, from its end back to (0, 0); each step one line, each snake one kept run. */
function walkBack(trace: Int32Array[], n: number, m: number, start: number): Run[] {
  const runs: Run[] = [];
  let x = n;
  let y = m;
  const keep = (from: number, to: number) => {
    if (to > from) runs.push({ tag: ' ', start: start + from, end: start + to });
  };
  for (let d = trace.length - 1; d > 0; d--) {
    const v = trace[d]!;
    const at = (k: number) => v[k + d]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousX = at(down ? k + 1 : k - 1);
    const previousY = previousX - (down ? k + 1 : k - 1);
    // The one edit of step d leads from the previous point to where the snake to (x, y) starts.
    const snakeStart = down ? previousX : previousX + 1;
    keep(snakeStart, x);
    runs.push(down ? { tag: '+', start: start + previousY, end: start + previousY + 1 } : { tag: '-', start: start + previousX, end: start + previousX + 1 });
    x = previousX;
    y = previousY;
  }
  keep(0, x);
  return runs.reverse();
}

/**
 * Each block of changed runs as one removed run, then one added run (in a block between two kept
 * runs, the removed lines are one stretch of the old text and the added ones one of the new).
 */
function removalsFirst(runs: Run[]): Run[] {
  const out: Run[] = [];
  let removed: Run | undefined;
  let added: Run | undefined;
  const flush = () => {
    if (removed) out.push(removed);
    if (added) out.push(added);
    removed = added = undefined;
  };
  for (const run of runs) {
    if (run.tag === ' ') {
      flush();
      const last = out[out.length - 1];
      if (last?.tag === ' ' && last.end === run.start) last.end = run.end;
      else out.push({ ...run });
    } else if (run.tag === '-') {
      removed = removed ? { ...removed, start: Math.min(removed.start, run.start), end: Math.max(removed.end, run.end) } : { ...run };
    } else {
      added = added ? { ...added, start: Math.min(added.start, run.start), end: Math.max(added.end, run.end) } : { ...run };
    }
  }
  flush();
  return out;
}

/**
 * The hunks of the runs, each with up to `context` kept lines around its changes; runs closer than
 * 2 × context share a hunk. Their text as pieces to join with line breaks (a piece may hold many lines).
 */
function hunks(runs: Run[], a: string[], b: string[], context: number): string[] {
  const out: string[] = [];
  // The open hunk: where it starts in the old and new text (0-based), its length in each, its lines.
  let hunk: { oldStart: number; newStart: number; oldLength: number; newLength: number; lines: string[] } | undefined;
  const add = (tag: Tag, from: string[], start: number, end: number) => {
    if (end <= start || !hunk) return;
    hunk.lines.push(tag + from.slice(start, end).join(`\n${tag}`));
    if (tag !== '+') hunk.oldLength += end - start;
    if (tag !== '-') hunk.newLength += end - start;
  };
  const close = () => {
    if (!hunk) return;
    const { oldStart, newStart, oldLength, newLength } = hunk;
    out.push(`@@ -${oldLength === 0 ? oldStart : oldStart + 1},${oldLength} +${newLength === 0 ? newStart : newStart + 1},${newLength} @@`, ...hunk.lines);
    hunk = undefined;
  };
  // Lines of the old and the new text before the current run.
  let oldAt = 0;
  let newAt = 0;
  for (const [index, run] of runs.entries()) {
    const length = run.end - run.start;
    if (run.tag === ' ') {
      const last = index === runs.length - 1;
      if (hunk && !last && length <= 2 * context) {
        add(' ', a, run.start, run.end);
      } else {
        add(' ', a, run.start, run.start + Math.min(context, length));
        close();
        if (!last) {
          const lead = Math.min(context, length);
          hunk = { oldStart: oldAt + length - lead, newStart: newAt + length - lead, oldLength: 0, newLength: 0, lines: [] };
          add(' ', a, run.end - lead, run.end);
        }
      }
      oldAt += length;
      newAt += length;
    } else {
      hunk ??= { oldStart: oldAt, newStart: newAt, oldLength: 0, newLength: 0, lines: [] };
      add(run.tag, run.tag === '-' ? a : b, run.start, run.end);
      if (run.tag === '-') oldAt += length;
      else newAt += length;
    }
  }
  close();
  return out;
}
