import { describe, expect, it } from 'vitest';
import { dialResult, done, drive, testFlow } from '../testing.js';

describe('Queue', () => {
  const flow = (edges: string[] = []) =>
    testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'q', type: 'Queue', params: { queue: 'support', maxWaitSeconds: 60 } },
        { id: 'full', type: 'Hangup' },
        { id: 'talked', type: 'Hangup' },
      ],
      ['s.next->q', 'q.overflow->full', ...edges],
    );

  it('ends connected when answered is unconnected', () => {
    expect(drive(flow(), [{ type: 'queueResult', result: 'answer' }]).effects.slice(3)).toEqual([
      'visit test/q',
      'queue support 60s',
      'end connected test/q support',
    ]);
  });

  it('follows overflow and a connected answered output', () => {
    expect(drive(flow(), [{ type: 'queueResult', result: 'overflow' }]).effects.at(-1)).toBe('end hangup test/full');
    expect(drive(flow(['q.answered->talked']), [{ type: 'queueResult', result: 'answer' }]).effects.at(-1)).toBe(
      'end hangup test/talked',
    );
  });
});

describe('Voicemail', () => {
  const flow = (edges: string[] = []) =>
    testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'v', type: 'Voicemail', params: { mailbox: '1000', greeting: 'busy' } },
        { id: 'bye', type: 'Hangup' },
      ],
      ['s.next->v', ...edges],
    );

  it('ends with outcome voicemail after the message when next is unconnected', () => {
    expect(drive(flow(), [done]).effects.slice(3)).toEqual(['visit test/v', 'voicemail 1000 busy', 'hangup', 'end voicemail test/v']);
  });

  it('takes no greeting and no instructions when asked (the effect says quiet)', () => {
    const quiet = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'v', type: 'Voicemail', params: { mailbox: '1000', greeting: 'none', instructions: 'skip' } },
      ],
      ['s.next->v'],
    );
    expect(drive(quiet, [done]).effects[4]).toBe('voicemail 1000 none quiet');
  });

  it('ends with outcome voicemail when the caller hangs up inside, even with next connected', () => {
    expect(drive(flow(['v.next->bye']), [{ type: 'hangup' }]).effects.slice(-1)).toEqual(['end voicemail test/v']);
  });

  it('follows next when connected', () => {
    expect(drive(flow(['v.next->bye']), [done]).effects.at(-1)).toBe('end hangup test/bye');
  });
});

describe('TransferExternal', () => {
  const flow = (edges: string[] = []) =>
    testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 't', type: 'TransferExternal', params: { number: '+4930123456', route: 'trunk' } },
        { id: 'fail', type: 'Hangup' },
      ],
      ['s.next->t', ...edges],
    );

  it('ends connected when answered', () => {
    expect(drive(flow(), [dialResult('answer')]).effects.slice(3)).toEqual([
      'visit test/t',
      'transfer +4930123456 route=trunk 30s',
      'end connected test/t +4930123456',
    ]);
  });

  it.each(['busy', 'noanswer', 'unavailable'] as const)('takes failed on %s', (result) => {
    expect(drive(flow(['t.failed->fail']), [dialResult(result)]).effects.at(-1)).toBe('end hangup test/fail');
    expect(drive(flow(), [dialResult(result)]).effects.at(-1)).toBe('end hangup test/t');
  });
});

describe('Consent', () => {
  const flow = testFlow(
    [
      { id: 's', type: 'Start' },
      { id: 'c', type: 'Consent', params: { prompt: { kind: 'upload', id: 'hinweis' }, recording: 'onDemand' } },
      { id: 'bye', type: 'Hangup' },
    ],
    ['s.next->c', 'c.next->bye'],
  );

  it('plays the notice, then marks the call with the policy and goes on', () => {
    expect(drive(flow, [done]).effects.slice(3, 6)).toEqual(['visit test/c', expect.stringMatching(/^play /), 'recording mark onDemand']);
    expect(drive(flow, [done]).effects.at(-1)).toBe('end hangup test/bye');
  });

  it('leaves the call unmarked when the caller hangs up during the notice', () => {
    expect(drive(flow, [{ type: 'hangup' }]).effects.some((e) => e.startsWith('recording mark'))).toBe(false);
  });
});
