import { describe, expect, it } from 'vitest';
import { EngineError } from './errors.js';
import { flowLibrary } from './library.js';
import { MAX_VISITS } from './run.js';
import { step, startCall } from './step.js';
import { clockAt, dialResult, done, drive, keys, testFlow, tts, WEDNESDAY } from './testing.js';
import type { CallSnapshot } from './types.js';

const clock = clockAt(WEDNESDAY);
const hello = testFlow(
  [
    { id: 's', type: 'Start', params: { language: 'en' } },
    { id: 'p', type: 'Play', params: { prompt: tts('Hallo') } },
    { id: 'h', type: 'Hangup' },
  ],
  ['s.next->p', 'p.next->h'],
  'hello',
);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('startCall and step', () => {
  it('answers, sets the language and waits for the prompt', () => {
    const { snapshot, effects } = startCall(flowLibrary([hello]), 'hello', { callerId: '0301234', clock });
    expect(snapshot).toEqual({
      status: 'waiting',
      waitingFor: 'prompt',
      flowId: 'hello',
      nodeId: 'p',
      attempts: 0,
      timeouts: 0,
      dialIndex: 0,
      language: 'en',
      callerId: '0301234',
      vars: {},
      visits: 2,
    });
    expect(effects.map((e) => e.type)).toEqual(['visit', 'answer', 'setLanguage', 'visit', 'play']);
    expect(effects[4]).toMatchObject({ type: 'play', text: 'Hallo', language: 'en', file: expect.stringMatching(/^stumpfworks\/tts\//) });
  });

  it('ends at a Hangup node with a hangup effect and the outcome', () => {
    expect(drive(hello, [done]).effects).toMatchInlineSnapshot(`
      [
        "visit hello/s",
        "answer",
        "language en",
        "visit hello/p",
        "play Hallo",
        "visit hello/h",
        "hangup",
        "end hangup hello/h",
      ]
    `);
    expect(drive(hello, [done]).snapshot).toMatchObject({ status: 'ended', outcome: { kind: 'hangup', nodeId: 'h' } });
  });

  it('never changes its input and gives the same answer twice', () => {
    const flows = flowLibrary([hello]);
    const first = startCall(flows, 'hello', { callerId: '', clock });
    const frozen = deepFreeze(structuredClone(first.snapshot)) as CallSnapshot;
    const a = step(flows, frozen, done, clock);
    const b = step(flows, frozen, done, clock);
    expect(a).toEqual(b);
    expect(frozen).toEqual(first.snapshot);
  });

  it('ends with callerHangup when the caller hangs up at a prompt', () => {
    expect(drive(hello, [{ type: 'hangup' }]).effects.slice(-1)).toEqual(['end callerHangup hello/p']);
  });

  it('refuses an event the wait does not take, naming node and expected events', () => {
    const flows = flowLibrary([hello]);
    const { snapshot } = startCall(flows, 'hello', { callerId: '', clock });
    const attempt = () => step(flows, snapshot, dialResult('busy'), clock);
    expect(attempt).toThrow(EngineError);
    expect(attempt).toThrow('node "p" in flow "hello" (Play) waits for a prompt to finish (done, hangup), not "dialResult"');
    try {
      attempt();
    } catch (error) {
      expect((error as EngineError).code).toBe('unexpected-event');
    }
  });

  it('refuses events after the end and a second start', () => {
    const flows = flowLibrary([hello]);
    const { snapshot } = startCall(flows, 'hello', { callerId: '', clock });
    expect(() => step(flows, snapshot, { type: 'start' }, clock)).toThrow(/"start" begins a call/);
    const ended = step(flows, snapshot, done, clock).snapshot;
    expect(() => step(flows, ended, keys('1'), clock)).toThrow(expect.objectContaining({ code: 'call-ended' }));
  });

  it('refuses unknown flows, flows without a Start node and duplicate flows', () => {
    const headless = testFlow([{ id: 'h', type: 'Hangup' }], [], 'headless');
    expect(() => startCall(flowLibrary([hello]), 'nope', { callerId: '', clock })).toThrow(
      expect.objectContaining({ code: 'unknown-flow' }),
    );
    expect(() => startCall(flowLibrary([headless]), 'headless', { callerId: '', clock })).toThrow(
      expect.objectContaining({ code: 'no-start' }),
    );
    expect(() => flowLibrary([hello, hello])).toThrow(expect.objectContaining({ code: 'duplicate-flow' }));
  });

  it('hangs up when an output is unconnected', () => {
    const flow = testFlow([{ id: 's', type: 'Start' }, { id: 'p', type: 'Play', params: { prompt: tts('x') } }], ['s.next->p']);
    expect(drive(flow, [done]).effects.slice(-2)).toEqual(['hangup', 'end hangup test/p']);
  });

  it('stops a loop of nodes that never wait after 500 visits', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'a', type: 'SetVariable', params: { name: 'X', value: 'a' } },
        { id: 'b', type: 'Record' },
      ],
      ['s.next->a', 'a.next->b', 'b.next->a'],
    );
    const { snapshot, effects } = drive(flow, []);
    expect(snapshot.visits).toBe(MAX_VISITS);
    expect(effects.filter((e) => e.startsWith('visit'))).toHaveLength(500);
    expect(effects.slice(-2)).toEqual(['hangup', 'end loopLimit test/b']);
  });

  it('runs Record, Language and SetVariable without waiting', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'r', type: 'Record' },
        { id: 'l', type: 'Language', params: { language: 'en' } },
        { id: 'v', type: 'SetVariable', params: { name: 'GREETING', value: 'hi ${NAME}!' } },
        { id: 'w', type: 'SetVariable', params: { name: 'NAME', value: 'x${GREETING}y${NOPE}' } },
        { id: 'r2', type: 'Record', params: { action: 'stop' } },
        { id: 'h', type: 'Hangup' },
      ],
      ['s.next->r', 'r.next->l', 'l.next->v', 'v.next->w', 'w.next->r2', 'r2.next->h'],
    );
    const { snapshot, effects } = drive(flow, []);
    expect(effects.filter((e) => !e.startsWith('visit'))).toMatchInlineSnapshot(`
      [
        "answer",
        "language de",
        "record start",
        "language en",
        "set GREETING=hi !",
        "set NAME=xhi !y",
        "record stop",
        "hangup",
        "end hangup test/h",
      ]
    `);
    expect(snapshot.language).toBe('en');
    expect(snapshot.vars).toEqual({ GREETING: 'hi !', NAME: 'xhi !y' });
  });
});
