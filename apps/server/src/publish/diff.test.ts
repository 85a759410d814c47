import { describe, expect, it } from 'vitest';
import { MAX_EXACT_EDITS, maskSecrets, unifiedDiff } from './diff.js';

/** Applies a unified diff to `before` (checking every context and removed line), as patch(1) would. */
function applyDiff(before: string, diff: string): string {
  const old = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let next = 0; // index into old
  const lines = diff.replace(/\n$/, '').split('\n').slice(2);
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(lines[i]!);
    if (!header) throw new Error(`expected a hunk header at line ${i}: ${lines[i]}`);
    const oldStart = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1;
    while (next < oldStart) out.push(old[next++]!);
    for (; i + 1 < lines.length && !lines[i + 1]!.startsWith('@@'); i++) {
      const line = lines[i + 1]!;
      const [tag, text] = [line[0], line.slice(1)];
      if (tag === '+') out.push(text);
      else if (old[next] !== text) throw new Error(`line ${next + 1} is ${JSON.stringify(old[next])}, the diff says ${JSON.stringify(text)}`);
      else if (tag === ' ') out.push(old[next++]!);
      else next++;
    }
  }
  while (next < old.length) out.push(old[next++]!);
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** A deterministic pseudo-random sequence (no flaky tests). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const conf = (count: number) => Array.from({ length: count }, (_, i) => `exten => ${7000 + (i % 50)},${i},NoOp(line ${i})`);

describe('unifiedDiff', () => {
  it('masks the value of every password line, and still shows that a password changed', () => {
    const diff = unifiedDiff('pjsip.conf', '[1000]\ntype = auth\npassword = old-secret\n', '[1000]\ntype = auth\npassword = new-secret\n');
    expect(maskSecrets(diff)).toBe('--- a/pjsip.conf\n+++ b/pjsip.conf\n@@ -1,3 +1,3 @@\n [1000]\n type = auth\n-password = ********\n+password = ********\n');
    expect(maskSecrets('@@ -1,1 +1,1 @@\n password = kept\n+username = password\n')).toBe('@@ -1,1 +1,1 @@\n password = ********\n+username = password\n');
  });

  it('is empty for equal texts', () => {
    expect(unifiedDiff('x.conf', 'a\nb\n', 'a\nb\n')).toBe('');
  });

  it('prints one hunk with context, like diff -u', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n') + '\n';
    const after = ['1', '2', '3', '4', 'five', '6', '7', '8', '9'].join('\n') + '\n';
    expect(unifiedDiff('x.conf', before, after)).toMatchInlineSnapshot(`
      "--- a/x.conf
      +++ b/x.conf
      @@ -2,7 +2,8 @@
       2
       3
       4
      -5
      +five
       6
       7
       8
      +9
      "
    `);
  });

  it('handles a new file and an emptied one', () => {
    expect(unifiedDiff('n.conf', '', 'a\n')).toBe('--- a/n.conf\n+++ b/n.conf\n@@ -0,0 +1,1 @@\n+a\n');
    expect(unifiedDiff('n.conf', 'a\nb\n', '')).toBe('--- a/n.conf\n+++ b/n.conf\n@@ -1,2 +0,0 @@\n-a\n-b\n');
  });

  it('gives two small hunks for two changes far apart in a large file', () => {
    const before = conf(9000);
    const after = [...before];
    after[100] = 'exten => 7000,100,NoOp(changed)';
    after[8900] = 'exten => 7000,8900,NoOp(changed too)';
    const diff = unifiedDiff('extensions.conf', `${before.join('\n')}\n`, `${after.join('\n')}\n`);
    expect(diff.match(/^@@ .* @@$/gm)).toEqual(['@@ -98,7 +98,7 @@', '@@ -8898,7 +8898,7 @@']);
    expect(diff.split('\n').filter((line) => /^[-+][^-+]/.test(line))).toEqual([
      '-exten => 7000,100,NoOp(line 100)',
      '+exten => 7000,100,NoOp(changed)',
      '-exten => 7000,8900,NoOp(line 8900)',
      '+exten => 7000,8900,NoOp(changed too)',
    ]);
  });

  it('turns the old text into the new one, for random edits of every size', () => {
    const next = random(42);
    for (let round = 0; round < 200; round++) {
      const before = conf(Math.floor(next() * 60));
      const after = [...before];
      const edits = Math.floor(next() * 12);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * (after.length + 1));
        const kind = next();
        if (kind < 0.33) after.splice(at, 1);
        else if (kind < 0.66) after.splice(at, 0, `new ${round}.${e}`);
        else after[at] = `changed ${round}.${e}`;
      }
      const text = (lines: string[]) => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);
      const diff = unifiedDiff('r.conf', text(before), text(after));
      expect(applyDiff(text(before), diff), `round ${round}`).toBe(text(after));
    }
  });

  it('shows a file replaced whole (no line in common) as all removed, then all added', () => {
    const before = '; bench reset 7\n';
    const after = `${conf(5).join('\n')}\n`;
    expect(unifiedDiff('voicemail.conf', before, after)).toBe(
      ['--- a/voicemail.conf', '+++ b/voicemail.conf', '@@ -1,1 +1,5 @@', '-; bench reset 7', ...conf(5).map((line) => `+${line}`), ''].join('\n'),
    );
    // Only the changed region counts: a kept head and tail around it stay context.
    const kept = conf(8);
    const replaced = [...kept.slice(0, 4), 'x', 'y', ...kept.slice(6)];
    const diff = unifiedDiff('r.conf', `${kept.join('\n')}\n`, `${replaced.join('\n')}\n`);
    expect(diff.split('\n').filter((line) => /^[+-][^+-]/.test(line))).toEqual([`-${kept[4]}`, `-${kept[5]}`, '+x', '+y']);
    expect(applyDiff(`${kept.join('\n')}\n`, diff)).toBe(`${replaced.join('\n')}\n`);
  });

  it('shows a region with more edits than it works out exactly as replaced whole, still a correct diff', () => {
    const before = conf(3000);
    const after = before.map((line, i) => (i % 2 === 0 ? `${line} ; edited` : line));
    const diff = unifiedDiff('big.conf', `${before.join('\n')}\n`, `${after.join('\n')}\n`);
    expect(1500 * 2).toBeGreaterThan(MAX_EXACT_EDITS); // 1,500 lines changed: 3,000 edits
    expect(diff.match(/^@@ .* @@$/gm)).toEqual(['@@ -1,3000 +1,3000 @@']);
    expect(applyDiff(`${before.join('\n')}\n`, diff)).toBe(`${after.join('\n')}\n`);
  });
});
