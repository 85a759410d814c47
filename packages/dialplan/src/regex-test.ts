import { parseValidRegex, REGEX_SUBJECT_MAX_LENGTH, REGEX_SUBJECT_PUNCTUATION, renderPosix } from '@stumpfworks/flow';

/** FILTER()'s list of the subject alphabet: ranges for letters and digits, `\xNN` for the punctuation. */
const SUBJECT_FILTER = `A-Za-z0-9${[...REGEX_SUBJECT_PUNCTUATION].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')}`;

/**
 * The terms of a `$[...]` test that is true when the pattern matches the whole value of the
 * variable (or function) `name`, read by its name only: the value with its parentheses replaced by
 * `!` (outside the alphabet); it matches only when FILTER() to the subject alphabet keeps all of
 * it, it is at most REGEX_SUBJECT_MAX_LENGTH long, and REGEX() with the POSIX rendering matches
 * the whole of it. Shared by the Condition node and CollectDigits' pattern.
 */
export function regexMatchTerms(name: string, pattern: string): string[] {
  const subject = `\${REPLACE(${name},(),!)}`;
  const kept = `\${FILTER(${SUBJECT_FILTER},${subject})}`;
  const posix = renderPosix(parseValidRegex(pattern));
  return [`\${LEN(${kept})} = \${LEN(${subject})}`, `\${LEN(${subject})} <= ${REGEX_SUBJECT_MAX_LENGTH}`, `\${REGEX("^(${posix})$" ${kept})}`];
}
