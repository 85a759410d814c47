/**
 * What a regex condition is checked against. A value with any other character, or a longer one,
 * never matches, in every engine: so Asterisk never sees a quote, a parenthesis, a `$` or a byte of
 * UTF-8 in its REGEX() call, and POSIX (which counts bytes) and JavaScript (which counts UTF-16
 * units) never disagree about what `.` or a count means.
 */

/** Punctuation a checked value may contain, besides ASCII letters and digits. */
export const REGEX_SUBJECT_PUNCTUATION = ' +-*#._@:';

/** The longest value a regex condition can match (characters). */
export const REGEX_SUBJECT_MAX_LENGTH = 1000;

/** The subject alphabet in words, for messages and docs. */
export const REGEX_SUBJECT_TEXT = {
  de: 'Buchstaben A–Z und a–z, Ziffern, Leerzeichen und + - * # . _ @ :',
  en: 'letters A-Z and a-z, digits, space and + - * # . _ @ :',
} as const;

/** True for a character of the subject alphabet. */
export function isSubjectChar(char: string): boolean {
  return /^[A-Za-z0-9]$/.test(char) || (char.length === 1 && REGEX_SUBJECT_PUNCTUATION.includes(char));
}

/** True when a regex condition may match the value at all: only subject characters, at most the maximum length. */
export function isRegexSubject(value: string): boolean {
  if (value.length > REGEX_SUBJECT_MAX_LENGTH) return false;
  for (const char of value) if (!isSubjectChar(char)) return false;
  return true;
}
