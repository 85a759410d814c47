/**
 * A parsed pattern of the regex subset that POSIX ERE (Asterisk's REGEX()) and JavaScript read
 * alike. `parse.ts` builds it, `render.ts` prints it for either, `match.ts` runs it.
 */
export type RegexNode =
  /** One literal character of the subject alphabet. */
  | { kind: 'char'; char: string }
  /** `.` */
  | { kind: 'any' }
  /** A bracket expression `[...]` or `\d`: single characters are ranges from a character to itself. */
  | { kind: 'set'; negated: boolean; ranges: CharRange[] }
  /** `^` */
  | { kind: 'start' }
  /** `$` */
  | { kind: 'end' }
  /** `( ... )` */
  | { kind: 'group'; body: RegexNode }
  /** Two or more nodes one after the other. */
  | { kind: 'sequence'; items: RegexNode[] }
  /** Two or more non-empty alternatives `a|b`. */
  | { kind: 'alternation'; options: RegexNode[] }
  /** `* + ?` or a count `{n}`, `{n,}`, `{n,m}`; `max` undefined = no upper bound. `form` keeps how it was written. */
  | { kind: 'repeat'; body: RegexNode; min: number; max: number | undefined; form: '*' | '+' | '?' | 'count' };

/** Characters `from` to `to` inclusive (by code, which is byte order for ASCII). */
export interface CharRange {
  from: string;
  to: string;
}

/** The largest count POSIX guarantees (RE_DUP_MAX). */
export const MAX_COUNT = 255;

/** The most character positions a pattern may have once its counts are written out. */
export const MAX_POSITIONS = 1000;

/** Character positions of a pattern with its counts written out (`[0-9]{3}` has 3): bounds the matcher's work. */
export function positions(node: RegexNode): number {
  switch (node.kind) {
    case 'char':
    case 'any':
    case 'set':
      return 1;
    case 'start':
    case 'end':
      return 0;
    case 'group':
      return positions(node.body);
    case 'sequence':
      return node.items.reduce((sum, item) => sum + positions(item), 0);
    case 'alternation':
      return node.options.reduce((sum, option) => sum + positions(option), 0);
    case 'repeat':
      return positions(node.body) * (node.max ?? node.min + 1);
  }
}
