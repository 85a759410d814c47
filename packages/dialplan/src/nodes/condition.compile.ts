import { CALLER_NUMBER_MAX_BYTES, type NodeOf } from '@stumpfworks/flow';
import { app, labelled, type DialplanContext } from '../ir.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';
import { regexMatchTerms } from '../regex-test.js';

/**
 * Condition. The subject's value may come from the caller (a caller ID, digits, a web service's
 * answer), so it never reaches a place where Asterisk would parse it: not `$[...]` (whose parser
 * calls functions), and not the name of a `${FUNC(...)}` either, where a `)` followed by `:` in
 * the value cuts the call short and reads the rest as `:offset:length` (tests/asterisk/condition.test.ts).
 * Only functions that take the subject by its *name* read it (REPLACE), and what they return is
 * free of `:` or of parentheses before a function reads it as a value.
 *
 * - `equals`: the value with every `:` replaced by `!`, and again by `#`, each prefixed with `x`
 *   (never empty) and BASE64-encoded, against the same two encodings of the admin's value made
 *   here. The two replacements together tell every value apart.
 * - `regex`: `regexMatchTerms` (the value read by name, filtered to the subject alphabet, then REGEX()).
 */
export function compileCondition(scope: NodeScope<NodeOf<'Condition'>>): DialplanContext[] {
  const { params } = scope.node;
  const caller = params.subject === 'callerId';
  const name = caller ? 'CALLERID(num)' : params.subject;
  // CALLERID(num) reads at most 255 bytes: a number that long may be cut, so it satisfies nothing.
  const readable = caller ? [`\${LEN(\${REPLACE(${name},(),!)})} <= ${CALLER_NUMBER_MAX_BYTES}`] : [];
  const parts = params.operator === 'equals' ? equalsParts(name, params.value) : regexMatchTerms(name, params.value);
  const test = `$[${[...parts, ...readable].join(' & ')}]`;
  const shown = params.operator === 'equals' ? `equals "${params.value}"` : `matches ${params.value}`;
  const check = { ...app('GotoIf', `${test}?true`), comment: `${params.subject} ${shown}` };
  const steps = [check, ...follow(scope, 'false'), ...labelled('true', follow(scope, 'true'))];
  return [nodeContextOf(scope, steps)];
}

const COLON_MARKS = ['!', '#'] as const;

function equalsParts(name: string, value: string): string[] {
  return COLON_MARKS.map((mark) => `"\${BASE64_ENCODE(x\${REPLACE(${name},:,${mark})})}" = "${base64('x' + value.replaceAll(':', mark))}"`);
}

/** Base64 of the text's UTF-8 bytes, as Asterisk's BASE64_ENCODE() writes it. */
function base64(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]!;
    out += b === undefined ? '=' : alphabet[(n >> 6) & 63]!;
    out += c === undefined ? '=' : alphabet[n & 63]!;
  }
  return out;
}
