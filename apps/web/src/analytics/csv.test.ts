import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('writes a BOM, CRLF lines, quotes where needed and defuses formulas', () => {
    expect(toCsv(['Knoten', 'Anrufe'], [['menu, "main"', 3], ['=HYPERLINK("x")', null], ['-1', 0]])).toBe(
      '\uFEFFKnoten,Anrufe\r\n"menu, ""main""",3\r\n"\'=HYPERLINK(""x"")",\r\n\'-1,0\r\n',
    );
  });
});
