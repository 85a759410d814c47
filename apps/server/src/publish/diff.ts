/**
 * A unified diff of two texts (line based, 3 lines of context), like `diff -u`. Common head and
 * tail are cut first; the middle uses an LCS table, so it is meant for config files, not books.
 */
export function unifiedDiff(name: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Array<[' ' | '-' | '+', string]> = [];
  for (let i = 0; i < head; i++) ops.push([' ', a[i]!]);
  ops.push(...middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail)));
  for (let i = a.length - tail; i < a.length; i++) ops.push([' ', a[i]!]);
  return `--- a/${name}\n+++ b/${name}\n${hunks(ops, context)}`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function middle(a: string[], b: string[]): Array<[' ' | '-' | '+', string]> {
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..]
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Array<[' ' | '-' | '+', string]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push([' ', a[i]!]);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) ops.push(['-', a[i++]!]);
    else ops.push(['+', b[j++]!]);
  }
  while (i < n) ops.push(['-', a[i++]!]);
  while (j < m) ops.push(['+', b[j++]!]);
  return ops;
}

function hunks(ops: Array<[' ' | '-' | '+', string]>, context: number): string {
  const changed = ops.map((op, index) => (op[0] === ' ' ? -1 : index)).filter((index) => index >= 0);
  const out: string[] = [];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k]! - context);
    let end = Math.min(ops.length, changed[k]! + context + 1);
    while (k + 1 < changed.length && changed[k + 1]! - context <= end) {
      k++;
      end = Math.min(ops.length, changed[k]! + context + 1);
    }
    k++;
    let oldStart = 1;
    let newStart = 1;
    for (let i = 0; i < start; i++) {
      if (ops[i]![0] !== '+') oldStart++;
      if (ops[i]![0] !== '-') newStart++;
    }
    const slice = ops.slice(start, end);
    const oldLen = slice.filter((op) => op[0] !== '+').length;
    const newLen = slice.filter((op) => op[0] !== '-').length;
    out.push(`@@ -${oldLen === 0 ? oldStart - 1 : oldStart},${oldLen} +${newLen === 0 ? newStart - 1 : newStart},${newLen} @@`);
    for (const [tag, line] of slice) out.push(`${tag}${line}`);
  }
  return `${out.join('\n')}\n`;
}
