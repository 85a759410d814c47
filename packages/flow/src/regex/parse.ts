import type { I18nText } from '../nodes/node-type.js';
import { MAX_COUNT, MAX_POSITIONS, positions, type CharRange, type RegexNode } from './ast.js';
import { refusal } from './refusals.js';
import { isSubjectChar } from './subject.js';

/** A pattern refused by {@link parseRegex}: where (1-based character) and why. */
export interface RegexProblem {
  position: number;
  /** The reason alone. */
  reason: I18nText;
  /** The reason with the position in front, ready to show. */
  message: I18nText;
}

export type RegexParse = { ok: true; ast: RegexNode } | { ok: false; problem: RegexProblem };

/** Thrown for a refused pattern where a valid one was promised (a flow that passed the schema). */
export class RegexRefusedError extends Error {
  override readonly name = 'RegexRefusedError';
  readonly code = 'regex-refused';

  constructor(
    readonly pattern: string,
    readonly problem: RegexProblem,
  ) {
    super(`refused pattern ${JSON.stringify(pattern)}: ${problem.message.en}`);
  }
}

/**
 * Reads a pattern of the subset POSIX ERE and JavaScript read alike: literals of the subject
 * alphabet, `.`, bracket expressions, groups, alternation, `* + ?`, counts `{n}` `{n,}` `{n,m}`
 * (up to 255), the anchors `^` `$`, `\d` and escaped punctuation (`\+ \. \*`). Everything else
 * is refused with the position and a reason in German and English.
 *
 * @example
 * parseRegex('9[0-9]{6}'); // { ok: true, ast: ... }
 * parseRegex('a**');       // { ok: false, problem: { position: 3, ... } }
 */
export function parseRegex(source: string): RegexParse {
  try {
    return { ok: true, ast: new Parser(source).pattern() };
  } catch (error) {
    if (error instanceof Refusal) {
      const position = error.index + 1;
      const message = { de: `Zeichen ${position}: ${error.reason.de}`, en: `character ${position}: ${error.reason.en}` };
      return { ok: false, problem: { position, reason: error.reason, message } };
    }
    throw error;
  }
}

/** The parsed pattern of a flow that passed the schema; throws {@link RegexRefusedError} otherwise. */
export function parseValidRegex(source: string): RegexNode {
  const parsed = parseRegex(source);
  if (!parsed.ok) throw new RegexRefusedError(source, parsed.problem);
  return parsed.ast;
}

class Refusal {
  constructor(
    readonly index: number,
    readonly reason: I18nText,
  ) {}
}

const QUANTIFIER_START = new Set(['*', '+', '?', '{']);
const COUNT = /^\{([0-9]+)(,([0-9]*))?\}/;

class Parser {
  private at = 0;
  /** Open groups around the cursor. */
  private depth = 0;

  constructor(private readonly source: string) {}

  pattern(): RegexNode {
    if (this.source === '') throw new Refusal(0, refusal.empty);
    const ast = this.alternation();
    if (this.at < this.source.length) throw new Refusal(this.at, refusal.unopenedGroup);
    const size = positions(ast);
    if (size > MAX_POSITIONS) throw new Refusal(0, refusal.tooLarge(size));
    return ast;
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.at + offset];
  }

  private alternation(): RegexNode {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alternation', options };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified(this.atom()));
    }
    if (items.length === 0 && this.peek() === ')' && this.depth === 0) throw new Refusal(this.at, refusal.unopenedGroup);
    if (items.length === 0) throw new Refusal(Math.min(this.at, this.source.length - 1), refusal.emptyAlternative);
    return items.length === 1 ? items[0]! : { kind: 'sequence', items };
  }

  private atom(): RegexNode {
    const start = this.at;
    const char = this.peek()!;
    if (QUANTIFIER_START.has(char)) throw new Refusal(start, refusal.nothingToRepeat(this.quantifierText()));
    this.at++;
    switch (char) {
      case '(':
        return this.group(start);
      case '[':
        return this.bracket(start);
      case '\\':
        return this.escape(start);
      case '.':
        return { kind: 'any' };
      case '^':
        return { kind: 'start' };
      case '$':
        return { kind: 'end' };
      default:
        return { kind: 'char', char: this.literal(start) };
    }
  }

  /** The quantifier at the cursor as written (`*`, `{2,3}`), for a message. */
  private quantifierText(): string {
    return COUNT.exec(this.source.slice(this.at))?.[0] ?? this.peek()!;
  }

  /** A literal character of the subject alphabet at `index` (the cursor is already past it). */
  private literal(index: number): string {
    const char = String.fromCodePoint(this.source.codePointAt(index)!);
    if (!isSubjectChar(char)) throw new Refusal(index, refusal.notInAlphabet(char));
    return char;
  }

  private group(open: number): RegexNode {
    if (this.peek() === '?') throw new Refusal(open, refusal.specialGroup);
    if (this.peek() === ')') throw new Refusal(open, refusal.emptyGroup);
    this.depth++;
    const body = this.alternation();
    this.depth--;
    if (this.peek() !== ')') throw new Refusal(open, refusal.unclosedGroup);
    this.at++;
    return { kind: 'group', body };
  }

  private escape(backslash: number): RegexNode {
    const next = this.peek();
    if (next === undefined) throw new Refusal(backslash, refusal.trailingBackslash);
    this.at++;
    if (next === 'd') return { kind: 'set', negated: false, ranges: [{ from: '0', to: '9' }] };
    if (/[1-9]/.test(next)) throw new Refusal(backslash, refusal.backReference);
    if (/[A-Za-z0-9]/.test(next)) throw new Refusal(backslash, refusal.unknownEscape(`\\${next}`));
    return { kind: 'char', char: this.literal(backslash + 1) };
  }

  private bracket(open: number): RegexNode {
    const negated = this.peek() === '^';
    if (negated) this.at++;
    if (this.peek() === ']') throw new Refusal(this.at, refusal.bracketStartsWithClose);
    const ranges: CharRange[] = [];
    for (;;) {
      const char = this.peek();
      if (char === undefined) throw new Refusal(open, refusal.unclosedBracket);
      if (char === ']') break;
      if (char === '[') throw new Refusal(this.at, refusal.bracketInBracket);
      if (char === '\\') {
        if (this.peek(1) !== 'd') throw new Refusal(this.at, refusal.bracketBackslash);
        ranges.push({ from: '0', to: '9' });
        this.at += 2;
        continue;
      }
      if (char === '-') {
        if (ranges.length > 0 && this.peek(1) !== ']') throw new Refusal(this.at, refusal.bracketDash);
        ranges.push({ from: '-', to: '-' });
        this.at++;
        continue;
      }
      ranges.push(this.bracketItem());
    }
    this.at++;
    return { kind: 'set', negated, ranges };
  }

  /** A character or a range `a-z` inside a bracket expression. */
  private bracketItem(): CharRange {
    const start = this.at;
    const from = this.literal(start);
    this.at += from.length;
    if (this.peek() !== '-' || this.peek(1) === ']' || this.peek(1) === undefined) return { from, to: from };
    const to = this.peek(1)!;
    if (kindOf(from) === undefined || kindOf(from) !== kindOf(to)) throw new Refusal(start, refusal.rangeEnds);
    if (to < from) throw new Refusal(start, refusal.rangeReversed(from, to));
    this.at += 2;
    return { from, to };
  }

  /** The atom with its quantifier, if one follows; a second quantifier is refused. */
  private quantified(atom: RegexNode): RegexNode {
    const char = this.peek();
    if (char === undefined || !QUANTIFIER_START.has(char)) return atom;
    if (atom.kind === 'start' || atom.kind === 'end') throw new Refusal(this.at, refusal.repeatedAnchor);
    const repeat = this.quantifier(atom);
    const after = this.peek();
    if (after === '?') throw new Refusal(this.at, refusal.lazy);
    if (after !== undefined && QUANTIFIER_START.has(after)) throw new Refusal(this.at, refusal.stacked);
    return repeat;
  }

  private quantifier(body: RegexNode): RegexNode {
    const char = this.peek()!;
    if (char !== '{') {
      this.at++;
      if (char === '*') return { kind: 'repeat', body, min: 0, max: undefined, form: '*' };
      if (char === '+') return { kind: 'repeat', body, min: 1, max: undefined, form: '+' };
      return { kind: 'repeat', body, min: 0, max: 1, form: '?' };
    }
    const count = COUNT.exec(this.source.slice(this.at));
    if (!count) throw new Refusal(this.at, refusal.badCount);
    const min = Number(count[1]);
    const max = count[2] === undefined ? min : count[3] === '' ? undefined : Number(count[3]);
    if (min > MAX_COUNT || (max !== undefined && max > MAX_COUNT)) throw new Refusal(this.at, refusal.countTooBig);
    if (max !== undefined && min > max) throw new Refusal(this.at, refusal.countReversed);
    this.at += count[0].length;
    return { kind: 'repeat', body, min, max, form: 'count' };
  }
}

/** Which kind of range end a character is: digits, lower-case or upper-case letters; others none. */
function kindOf(char: string): 'digit' | 'lower' | 'upper' | undefined {
  if (/^[0-9]$/.test(char)) return 'digit';
  if (/^[a-z]$/.test(char)) return 'lower';
  if (/^[A-Z]$/.test(char)) return 'upper';
  return undefined;
}
