import { describe, expect, it } from 'vitest';
import { compileNode } from '../testing.js';

const check = (params: Record<string, unknown>) => {
  const { s, context } = compileNode({ id: 'cond', type: 'Condition', params }, ['true', 'false']);
  return { s, line: s[2]!, comment: context.extensions[0]!.priorities[2]!.comment };
};

describe('compileCondition', () => {
  it('compares two encodings of the value read by name, never the value itself', () => {
    const { s, comment } = check({ subject: 'ACCOUNT', operator: 'equals', value: '0049' });
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: cond)',
      'CELGenUserEvent(SWFlowNode,f//cond)',
      // base64("x0049") both times: the admin's value has no ":" to replace
      'GotoIf($["${BASE64_ENCODE(x${REPLACE(ACCOUNT,:,!)})}" = "eDAwNDk=" & "${BASE64_ENCODE(x${REPLACE(ACCOUNT,:,#)})}" = "eDAwNDk="]?true)',
      'Goto(swf-f-to-false,s,1)',
      '(true) Goto(swf-f-to-true,s,1)',
    ]);
    expect(comment).toBe('ACCOUNT equals "0049"');
  });

  it('encodes the admin value with each ":" replaced, in UTF-8; the empty value is "x" alone', () => {
    const { line } = check({ subject: 'TIER', operator: 'equals', value: 'a:ü' });
    expect(line).toContain(`= "${Buffer.from('xa!ü').toString('base64')}"`);
    expect(line).toContain(`= "${Buffer.from('xa#ü').toString('base64')}"`);
    expect(check({ subject: 'TIER', operator: 'equals', value: '' }).line).toBe(
      'GotoIf($["${BASE64_ENCODE(x${REPLACE(TIER,:,!)})}" = "eA==" & "${BASE64_ENCODE(x${REPLACE(TIER,:,#)})}" = "eA=="]?true)',
    );
  });

  it('reads the caller number by name too, and only while CALLERID(num) can hold all of it', () => {
    expect(check({ subject: 'callerId', operator: 'equals', value: '0891234' }).line).toBe(
      'GotoIf($["${BASE64_ENCODE(x${REPLACE(CALLERID(num),:,!)})}" = "eDA4OTEyMzQ=" & "${BASE64_ENCODE(x${REPLACE(CALLERID(num),:,#)})}" = "eDA4OTEyMzQ=" & ${LEN(${REPLACE(CALLERID(num),(),!)})} <= 254]?true)',
    );
  });

  it('matches the whole filtered value against the POSIX rendering of the pattern', () => {
    const { line, comment } = check({ subject: 'callerId', operator: 'regex', value: '\\+49[0-9]{6,}|0049.*' });
    const subject = '${REPLACE(CALLERID(num),(),!)}';
    const kept = `\${FILTER(A-Za-z0-9\\x20\\x2b\\x2d\\x2a\\x23\\x2e\\x5f\\x40\\x3a,${subject})}`;
    expect(line).toBe(
      `GotoIf($[\${LEN(${kept})} = \${LEN(${subject})} & \${LEN(${subject})} <= 1000 & \${REGEX("^([+]49[0-9]{6,}|0049.*)$" ${kept})} & \${LEN(${subject})} <= 254]?true)`,
    );
    expect(comment).toBe('callerId matches \\+49[0-9]{6,}|0049.*');
  });

  it('writes a variable subject without the caller-number limit, and a $ anchor before [ as ($)', () => {
    const { line } = check({ subject: 'KUNDENNUMMER', operator: 'regex', value: 'a$[0-9]' });
    expect(line).toContain('${REGEX("^(a($)[0-9])$" ${FILTER(');
    expect(line).toContain('${REPLACE(KUNDENNUMMER,(),!)}');
    expect(line).not.toContain('<= 254');
  });
});
