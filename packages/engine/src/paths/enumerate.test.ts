import { describe, expect, it } from 'vitest';
import { flowLibrary } from '../library.js';
import { simulate } from '../simulator/simulate.js';
import { testFlow, tts, WEDNESDAY } from '../testing.js';
import type { FlowLibrary } from '../types.js';
import { enumeratePaths, type PathOptions } from './enumerate.js';

const options = { at: WEDNESDAY, callerId: '0301234' };
const scripts = (flows: FlowLibrary, flowId: string, extra: Partial<PathOptions> = {}) => {
  const result = enumeratePaths(flows, flowId, { ...options, ...extra });
  for (const path of result.paths) expect(simulate(flows, flowId, path.events, options)).toEqual(path.transcript);
  return {
    lines: result.paths.map((p) => `${p.events.join(',') || '(none)'} → ${p.transcript.outcome?.kind} ${p.transcript.outcome?.nodeId}`),
    truncated: result.truncated,
  };
};

describe('enumeratePaths', () => {
  it('branches an HTTP request over success (one body per value a condition compares a mapped field with), a 500, no connection and a timeout', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'h', type: 'HttpRequest', params: { url: 'http://h/x', responseMapping: [{ variable: 'TIER', path: 'customer.tier' }] } },
        { id: 'c', type: 'Condition', params: { subject: 'TIER', operator: 'equals', value: 'vip' } },
        { id: 'vip', type: 'Hangup' },
        { id: 'other', type: 'Hangup' },
        { id: 'down', type: 'Hangup' },
        { id: 'slow', type: 'Hangup' },
      ],
      ['s.next->h', 'h.success->c', 'h.failure->down', 'h.timeout->slow', 'c.true->vip', 'c.false->other'],
      'http',
    );
    expect(scripts(flowLibrary([flow]), 'http').lines).toEqual([
      'http:200:{} → hangup other',
      'http:200:{"customer":{"tier":"vip"}} → hangup vip',
      'http:500 → hangup down',
      'http:failure → hangup down',
      'http:timeout → hangup slow',
    ]);
  });

  it('tries each digit, each direct-dial number, one invalid key and a timeout, with retries', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'm', type: 'Menu', params: { prompt: tts('Menü'), maxAttempts: 2, directDial: ['1002', '0815'] } },
        { id: 'd', type: 'Dial', params: { targets: ['${DIRECT_EXTENSION}'] } },
        { id: 'h', type: 'Hangup' },
      ],
      ['s.next->m', 'm.1->h', 'm.2->h', 'm.direct->d', 'm.timeout->h', 'm.invalid->h', 'd.noAnswer->h'],
      'menu',
    );
    const { lines, truncated } = scripts(flowLibrary([flow]), 'menu');
    expect(truncated).toBe(0);
    expect(lines.slice(0, 9)).toMatchInlineSnapshot(`
      [
        "1 → hangup h",
        "2 → hangup h",
        "1002,answer → connected d",
        "1002,busy → hangup h",
        "1002,noanswer → hangup h",
        "1002,unavailable → hangup h",
        "0815,answer → connected d",
        "0815,busy → hangup h",
        "0815,noanswer → hangup h",
      ]
    `);
    expect(lines.slice(10, 14)).toEqual(['3,1 → hangup h', '3,2 → hangup h', '3,1002,answer → connected d', '3,1002,busy → hangup h']);
    expect(lines.filter((l) => /^(3|timeout),(3|timeout) /.test(l))).toEqual([
      '3,3 → hangup h',
      '3,timeout → hangup h',
      'timeout,3 → hangup h',
      'timeout,timeout → hangup h',
    ]);
    expect(lines).toHaveLength(10 + 2 * 12); // 10 ends at the first attempt; '3' and timeout retry once
  });

  it('leaves out the invalid key when every key is used', () => {
    const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];
    const flow = testFlow(
      [{ id: 's', type: 'Start' }, { id: 'm', type: 'Menu', params: { prompt: tts('x'), maxAttempts: 1 } }, { id: 'h', type: 'Hangup' }],
      ['s.next->m', ...keys.map((k) => `m.${k}->h`), 'm.timeout->h', 'm.invalid->h'],
      'all',
    );
    expect(scripts(flowLibrary([flow]), 'all').lines.map((l) => l.split(' ')[0])).toEqual([...keys, 'timeout']);
  });

  it('enters valid, compared, too short and no digits', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'c', type: 'CollectDigits', params: { prompt: tts('Nummer'), variable: 'ACC', minDigits: 2, maxDigits: 6, maxAttempts: 1 } },
        { id: 'vip', type: 'Condition', params: { subject: 'ACC', operator: 'equals', value: '999999' } },
        { id: 'odd', type: 'Condition', params: { subject: 'ACC', operator: 'equals', value: 'abc' } },
        { id: 'long', type: 'Condition', params: { subject: 'ACC', operator: 'equals', value: '1234567' } },
        { id: 'h', type: 'Hangup' },
        { id: 'bad', type: 'Hangup' },
      ],
      ['s.next->c', 'c.next->vip', 'c.invalid->bad', 'vip.true->h', 'vip.false->odd', 'odd.true->h', 'odd.false->long', 'long.true->h', 'long.false->h'],
      'collect',
    );
    expect(scripts(flowLibrary([flow]), 'collect').lines).toEqual([
      '1234# → hangup h',
      '999999 → hangup h',
      '1# → hangup bad',
      'timeout → hangup bad',
    ]);
  });

  it('tries an entry the pattern accepts and one of the right length it refuses', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'c', type: 'CollectDigits', params: { prompt: tts('Nummer'), variable: 'ACC', minDigits: 5, maxDigits: 5, pattern: '7\\d{4}', maxAttempts: 1 } },
        { id: 'h', type: 'Hangup' },
        { id: 'bad', type: 'Hangup' },
      ],
      ['s.next->c', 'c.next->h', 'c.invalid->bad'],
      'collect',
    );
    expect(scripts(flowLibrary([flow]), 'collect').lines).toEqual([
      '70000 → hangup h',
      '12345 → hangup bad',
      '1234# → hangup bad',
      'timeout → hangup bad',
    ]);
  });

  it('tries the right PIN, a wrong one and a timeout', () => {
    const room = (pin: string) =>
      testFlow(
        [{ id: 's', type: 'Start' }, { id: 'r', type: 'Conference', params: { room: '800', pin, maxAttempts: 1 } }],
        ['s.next->r'],
        'room',
      );
    expect(scripts(flowLibrary([room('4711')]), 'room').lines).toEqual([
      '4711# → conference r',
      '0000# → hangup r',
      'timeout → hangup r',
    ]);
    expect(scripts(flowLibrary([room('000')]), 'room').lines[1]).toBe('111# → hangup r');
  });

  it('tries queue and transfer results', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'q', type: 'Queue', params: { queue: 'support' } },
        { id: 't', type: 'TransferExternal', params: { number: '0301234' } },
      ],
      ['s.next->q', 'q.overflow->t'],
      'queue',
    );
    expect(scripts(flowLibrary([flow]), 'queue').lines).toEqual([
      'answer → connected q',
      'overflow,answer → connected t',
      'overflow,busy → hangup t',
      'overflow,noanswer → hangup t',
      'overflow,unavailable → hangup t',
    ]);
  });

  it('cuts loops by visits per node and long paths by events, and counts them', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'm', type: 'Menu', params: { prompt: tts('x'), maxAttempts: 1 } },
        { id: 'p', type: 'Play', params: { prompt: tts('y') } },
        { id: 'h', type: 'Hangup' },
      ],
      ['s.next->m', 'm.1->p', 'p.next->m', 'm.timeout->h', 'm.invalid->h'],
      'loop',
    );
    const flows = flowLibrary([flow]);
    expect(scripts(flows, 'loop')).toEqual({
      lines: ['1,1,0 → hangup h', '1,1,timeout → hangup h', '1,0 → hangup h', '1,timeout → hangup h', '0 → hangup h', 'timeout → hangup h'],
      truncated: 1,
    });
    expect(scripts(flows, 'loop', { maxEvents: 1 })).toEqual({ lines: ['0 → hangup h', 'timeout → hangup h'], truncated: 1 });
    expect(scripts(flows, 'loop', { maxPaths: 2 }).lines).toHaveLength(2);
  });

  it('returns nothing for a flow that only loops', () => {
    const flow = testFlow(
      [{ id: 's', type: 'Start' }, { id: 'r', type: 'Record' }],
      ['s.next->r', 'r.next->r'],
      'spin',
    );
    expect(enumeratePaths(flowLibrary([flow]), 'spin', options)).toMatchObject({ paths: [], truncated: 1 });
  });
});
