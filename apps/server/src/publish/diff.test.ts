import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './diff.js';

describe('unifiedDiff', () => {
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

  it('handles a new file', () => {
    expect(unifiedDiff('n.conf', '', 'a\n')).toBe('--- a/n.conf\n+++ b/n.conf\n@@ -0,0 +1,1 @@\n+a\n');
  });
});
