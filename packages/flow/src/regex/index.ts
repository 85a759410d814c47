export { MAX_COUNT, MAX_POSITIONS, type CharRange, type RegexNode } from './ast.js';
export { RegexMatcher } from './match.js';
export { parseRegex, parseValidRegex, RegexRefusedError, type RegexParse, type RegexProblem } from './parse.js';
export { renderJavaScript, renderPosix } from './render.js';
export { isRegexSubject, isSubjectChar, REGEX_SUBJECT_MAX_LENGTH, REGEX_SUBJECT_PUNCTUATION, REGEX_SUBJECT_TEXT } from './subject.js';
export { randomRegexCases, REGEX_CASES, type RegexCase } from './testing.js';
