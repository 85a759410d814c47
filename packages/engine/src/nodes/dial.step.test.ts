import { describe, expect, it } from 'vitest';
import { dialResult, drive, testFlow } from '../testing.js';

const dialFlow = (params: Record<string, unknown>, edges: string[] = ['d.noAnswer->na']) =>
  testFlow(
    [
      { id: 's', type: 'Start' },
      { id: 'd', type: 'Dial', params },
      { id: 'na', type: 'Hangup' },
      { id: 'bz', type: 'Hangup' },
      { id: 'ok', type: 'Hangup' },
    ],
    ['s.next->d', ...edges],
  );

describe('Dial', () => {
  it('rings all targets at once and ends connected when answered is unconnected', () => {
    const { effects } = drive(dialFlow({ targets: ['1001', '1002'], ringSeconds: 15 }), [dialResult('answer')]);
    expect(effects.slice(3)).toEqual(['visit test/d', 'dial 1001&1002 15s', 'end connected test/d 1001&1002']);
  });

  it('follows answered when it is connected', () => {
    const { effects } = drive(dialFlow({ targets: ['1001'] }, ['d.noAnswer->na', 'd.answered->ok']), [dialResult('answer')]);
    expect(effects.at(-1)).toBe('end hangup test/ok');
  });

  it.each([
    ['noanswer', 'na'],
    ['busy', 'na'],
    ['unavailable', 'na'],
  ] as const)('lets unconnected %s fall back to noAnswer', (result, node) => {
    expect(drive(dialFlow({ targets: ['1001'] }), [dialResult(result)]).effects.at(-1)).toBe(`end hangup test/${node}`);
  });

  it('takes busy and unavailable outputs when connected', () => {
    const edges = ['d.noAnswer->na', 'd.busy->bz', 'd.unavailable->ok'];
    expect(drive(dialFlow({ targets: ['1001'] }, edges), [dialResult('busy')]).effects.at(-1)).toBe('end hangup test/bz');
    expect(drive(dialFlow({ targets: ['1001'] }, edges), [dialResult('unavailable')]).effects.at(-1)).toBe('end hangup test/ok');
  });

  it('rings targets one after the other; the last result is the node result', () => {
    const flow = dialFlow({ targets: ['1001', '1002', '1003'], strategy: 'sequential' }, ['d.noAnswer->na', 'd.busy->bz']);
    const { snapshot, effects } = drive(flow, [dialResult('noanswer'), dialResult('unavailable')]);
    expect(effects.slice(3)).toEqual(['visit test/d', 'dial 1001 20s', 'dial 1002 20s', 'dial 1003 20s']);
    expect(snapshot).toMatchObject({ dialIndex: 2, visits: 2, waitingFor: 'dial' });
    expect(drive(flow, [dialResult('noanswer'), dialResult('unavailable'), dialResult('busy')]).effects.at(-1)).toBe(
      'end hangup test/bz',
    );
  });

  it('stops a sequential dial at the first answer, connected to that target', () => {
    const flow = dialFlow({ targets: ['1001', '1002', '1003'], strategy: 'sequential' });
    expect(drive(flow, [dialResult('busy'), dialResult('answer')]).effects.slice(-2)).toEqual([
      'dial 1002 20s',
      'end connected test/d 1002',
    ]);
  });

  it('dials ${DIRECT_EXTENSION}, the extension the caller chose in a menu', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'm', type: 'Menu', params: { prompt: { kind: 'sound', name: 'beep' }, directDial: ['1005'] } },
        { id: 'd', type: 'Dial', params: { targets: ['${DIRECT_EXTENSION}', '1001'] } },
        { id: 'na', type: 'Hangup' },
      ],
      ['s.next->m', 'm.direct->d', 'm.timeout->na', 'm.invalid->na', 'd.noAnswer->na'],
    );
    expect(drive(flow, [{ type: 'digits', digits: '1005' }]).effects.at(-1)).toBe('dial 1005&1001 20s');
  });

  it('ends with callerHangup when the caller hangs up while it rings', () => {
    expect(drive(dialFlow({ targets: ['1001'] }), [{ type: 'hangup' }]).effects.slice(-1)).toEqual(['end callerHangup test/d']);
  });

  describe('answeredBy', () => {
    const team = (params: Record<string, unknown> = {}) =>
      dialFlow({ targets: ['1001', '1002'], answeredBy: 'WHO', ...params }, ['d.noAnswer->na', 'd.answered->ok']);
    const answeredBy = (target: string) => ({ type: 'dialResult' as const, result: 'answer' as const, answeredBy: target });

    it('sets the variable to the target that answered a simultaneous dial; the outcome names it', () => {
      const { snapshot, effects } = drive(team(), [answeredBy('1002')]);
      expect(snapshot.vars.WHO).toBe('1002');
      expect(effects).toContain('set WHO=1002');
      expect(drive(dialFlow({ targets: ['1001', '1002'] }), [answeredBy('1002')]).effects.at(-1)).toBe('end connected test/d 1002');
    });

    it('takes the first target for an answer that names none (the simulator\'s plain answer) or names a stranger', () => {
      expect(drive(team(), [dialResult('answer')]).snapshot.vars.WHO).toBe('1001');
      expect(drive(team(), [answeredBy('1009')]).snapshot.vars.WHO).toBe('1001');
    });

    it('sets the target rung when a sequential dial is answered, and empties the variable when nobody answers', () => {
      expect(drive(team({ strategy: 'sequential' }), [dialResult('noanswer'), dialResult('answer')]).snapshot.vars.WHO).toBe('1002');
      expect(drive(team(), [dialResult('busy')]).snapshot.vars).toEqual({ WHO: '' });
    });

    it('leaves the variables alone without answeredBy (the default)', () => {
      expect(drive(dialFlow({ targets: ['1001', '1002'] }), [answeredBy('1002')]).snapshot.vars).toEqual({});
    });
  });
});
