import type { I18nText } from '../nodes/node-type.js';
import { MAX_COUNT, MAX_POSITIONS } from './ast.js';
import { REGEX_SUBJECT_TEXT } from './subject.js';

/**
 * Why a pattern is refused, in German and English, without the position (parse.ts puts it in
 * front). Each one names something that POSIX ERE and JavaScript read differently, that one of
 * them does not define, or that could never match a checked value.
 */
export const refusal = {
  empty: { de: 'Das Muster ist leer', en: 'the pattern is empty' },
  notInAlphabet: (char: string): I18nText => ({
    de: `${shown(char, 'de')} kommt in einem geprüften Wert nie vor (erlaubt sind ${REGEX_SUBJECT_TEXT.de})`,
    en: `${shown(char, 'en')} never occurs in a checked value (only ${REGEX_SUBJECT_TEXT.en} do)`,
  }),
  nothingToRepeat: (quantifier: string): I18nText =>
    quantifier === '*' || quantifier === '+'
      ? {
          de: `„${quantifier}“ hat nichts, das es wiederholen könnte; für das Zeichen selbst schreiben Sie \\${quantifier}`,
          en: `"${quantifier}" has nothing to repeat; for the character itself write \\${quantifier}`,
        }
      : { de: `„${quantifier}“ hat nichts, das es wiederholen könnte`, en: `"${quantifier}" has nothing to repeat` },
  repeatedAnchor: {
    de: 'Ein Anker (^ oder $) kann nicht wiederholt werden',
    en: 'an anchor (^ or $) cannot be repeated',
  },
  lazy: {
    de: 'Genügsame Quantoren (*?, +?, ??, {n,m}?) gibt es nur in JavaScript, nicht in POSIX',
    en: 'lazy quantifiers (*?, +?, ??, {n,m}?) exist only in JavaScript, not in POSIX',
  },
  stacked: {
    de: 'Ein Quantor kann nicht direkt auf einen anderen folgen (wie a** oder a{2}{3}); setzen Sie den ersten in Klammern: (a*)*',
    en: 'a quantifier cannot follow another one (as in a** or a{2}{3}); put the first in a group: (a*)*',
  },
  badCount: {
    de: 'Eine Anzahl schreibt man {3}, {2,} oder {2,5}',
    en: 'a count is written {3}, {2,} or {2,5}',
  },
  countTooBig: {
    de: `Eine Anzahl ist höchstens ${MAX_COUNT}`,
    en: `a count is at most ${MAX_COUNT}`,
  },
  countReversed: {
    de: 'In {n,m} darf n nicht größer als m sein',
    en: 'in {n,m}, n must not be greater than m',
  },
  specialGroup: {
    de: 'Gruppen mit (? (ohne Erfassung, Lookahead, Lookbehind) gibt es nur in JavaScript, nicht in POSIX',
    en: 'groups starting with (? (non-capturing, lookahead, lookbehind) exist only in JavaScript, not in POSIX',
  },
  emptyGroup: { de: 'Die Gruppe () ist leer', en: 'the group () is empty' },
  emptyAlternative: {
    de: 'Eine Alternative ist leer (wie in a| oder (|a)); für „a oder nichts“ schreiben Sie (a)?',
    en: 'an alternative is empty (as in a| or (|a)); for "a or nothing" write (a)?',
  },
  unclosedGroup: { de: '„(“ wird nie geschlossen', en: '"(" is never closed' },
  unopenedGroup: { de: 'Vor „)“ steht kein „(“', en: '")" has no "(" before it' },
  unclosedBracket: { de: '„[“ wird nie geschlossen', en: '"[" is never closed' },
  bracketStartsWithClose: {
    de: 'Ein „]“ direkt nach „[“ oder „[^“ lesen POSIX und JavaScript verschieden',
    en: 'a "]" right after "[" or "[^" is read differently by POSIX and JavaScript',
  },
  bracketInBracket: {
    de: '„[“ innerhalb von [...] (wie in [[:digit:]]) lesen POSIX und JavaScript verschieden; schreiben Sie 0-9 oder \\d',
    en: '"[" inside [...] (as in [[:digit:]]) is read differently by POSIX and JavaScript; write 0-9 or \\d',
  },
  bracketBackslash: {
    de: 'Innerhalb von [...] ist nur \\d erlaubt: POSIX liest dort einen Backslash als Zeichen, JavaScript als Maskierung',
    en: 'inside [...] only \\d is allowed: POSIX reads a backslash there as itself, JavaScript as an escape',
  },
  bracketDash: {
    de: 'Ein „-“ in [...] verbindet einen Bereich; als Zeichen gehört es an den Anfang oder das Ende',
    en: 'a "-" in [...] makes a range; as a character it goes first or last',
  },
  rangeEnds: {
    de: 'Ein Bereich verbindet zwei Ziffern, zwei Klein- oder zwei Großbuchstaben (0-9, a-z, A-F)',
    en: 'a range joins two digits, two lower-case or two upper-case letters (0-9, a-z, A-F)',
  },
  rangeReversed: (from: string, to: string): I18nText => ({
    de: `Der Bereich ${from}-${to} läuft rückwärts`,
    en: `the range ${from}-${to} runs backwards`,
  }),
  backReference: {
    de: 'Rückverweise (\\1 bis \\9) werden nicht unterstützt',
    en: 'back-references (\\1 to \\9) are not supported',
  },
  unknownEscape: (escape: string): I18nText => ({
    de: `${escape} bedeutet in POSIX und JavaScript Verschiedenes (oder nichts); erlaubt sind \\d und maskierte Zeichen wie \\+ \\. \\*`,
    en: `${escape} means different things (or nothing) in POSIX and JavaScript; only \\d and escaped characters like \\+ \\. \\* are allowed`,
  }),
  trailingBackslash: { de: 'Der „\\“ am Ende maskiert nichts', en: 'the "\\" at the end escapes nothing' },
  tooLarge: (count: number): I18nText => ({
    de: `Das Muster ist mit ausgeschriebenen Anzahlen zu groß (${count} Stellen, höchstens ${MAX_POSITIONS})`,
    en: `the pattern is too large with its counts written out (${count} positions, at most ${MAX_POSITIONS})`,
  }),
} as const;

/** A character as a message shows it: printable ASCII and letters in quotes, anything else as its code point too. */
function shown(char: string, language: 'de' | 'en'): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return hex;
  const quoted = language === 'de' ? `„${char}“` : `"${char}"`;
  return code < 0x80 ? quoted : `${quoted} (${hex})`;
}
