import { describe, expect, it } from 'vitest';
import { flowLibrary } from './library.js';
import { step, startCall } from './step.js';
import { clockAt, done, testFlow, WEDNESDAY } from './testing.js';
import type { CallEvent, Effect } from './types.js';

/** Every effect of a call through the events, unabridged. */
function effectsOf(flow: ReturnType<typeof testFlow>, events: CallEvent[]): Effect[] {
  const flows = flowLibrary([flow]);
  const clock = clockAt(WEDNESDAY);
  let result = startCall(flows, flow.id, { callerId: '0301234', clock });
  const effects = [...result.effects];
  for (const event of events) {
    result = step(flows, result.snapshot, event, clock);
    effects.push(...result.effects);
  }
  return effects;
}

describe('effects carry what their driver needs (drivers never read the flow)', () => {
  it('names the connection each visit came along, the fallback one for an unconnected output', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'd', type: 'Dial', params: { targets: ['1000'] } },
        { id: 'h', type: 'Hangup' },
      ],
      ['s.next->d', 'd.noAnswer->h'],
    );
    const visits = effectsOf(flow, [{ type: 'dialResult', result: 'busy' }]).filter((e) => e.type === 'visit');
    expect(visits).toEqual([
      { type: 'visit', flowId: 'test', nodeId: 's' },
      { type: 'visit', flowId: 'test', nodeId: 'd', edge: { from: 's', output: 'next' } },
      { type: 'visit', flowId: 'test', nodeId: 'h', edge: { from: 'd', output: 'noAnswer' } },
    ]);
  });

  it('says on a voicemail or conference whether its end is the call end, and with which outcome', () => {
    const apps = (edges: string[]) =>
      effectsOf(
        testFlow(
          [
            { id: 's', type: 'Start' },
            { id: 'v', type: 'Voicemail', params: { mailbox: '1000' } },
            { id: 'c', type: 'Conference', params: { room: '800' } },
            { id: 'h', type: 'Hangup' },
          ],
          ['s.next->v', 'v.next->c', ...edges],
        ),
        [done],
      ).filter((e) => e.type === 'voicemail' || e.type === 'conference');
    expect(apps([])).toEqual([
      { type: 'voicemail', mailbox: '1000', greeting: 'unavailable' },
      { type: 'conference', room: '800', endsWith: { kind: 'conference', flowId: 'test', nodeId: 'c', room: '800' } },
    ]);
    expect(apps(['c.next->h'])[1]).toEqual({ type: 'conference', room: '800' });
  });
});
