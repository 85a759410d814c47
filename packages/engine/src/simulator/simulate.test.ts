import { describe, expect, it } from 'vitest';
import { flowLibrary } from '../library.js';
import { testFlow, tts, WEDNESDAY } from '../testing.js';
import { parseScript } from './script.js';
import { simulate } from './simulate.js';

const flow = testFlow(
  [
    { id: 'start', type: 'Start' },
    { id: 'hello', type: 'Play', params: { prompt: tts('Willkommen bei Musterfirma') } },
    { id: 'menu', type: 'Menu', params: { prompt: tts('Drücken Sie 1'), directDial: ['1002'] } },
    { id: 'dial-support', type: 'Dial', params: { targets: ['1001', '1002'], strategy: 'sequential' } },
    { id: 'direct', type: 'Dial', params: { targets: ['${DIRECT_EXTENSION}'] } },
    { id: 'mailbox', type: 'Voicemail', params: { mailbox: '1000' } },
    { id: 'bye', type: 'Hangup' },
  ],
  [
    'start.next->hello',
    'hello.next->menu',
    'menu.1->dial-support',
    'menu.direct->direct',
    'menu.timeout->bye',
    'menu.invalid->bye',
    'dial-support.noAnswer->mailbox',
    'direct.noAnswer->mailbox',
  ],
  'main',
);
const flows = flowLibrary([flow]);
const options = { at: WEDNESDAY, callerId: '0301234' };
const run = (script: string) => simulate(flows, 'main', parseScript(script), options);

describe('simulate', () => {
  it('writes a readable transcript and feeds done itself', () => {
    const t = run('5, 1, busy, noanswer');
    expect(t.lines.map((l) => `${l.nodeId} [${l.kind}] ${l.text.de} | ${l.text.en}`)).toMatchInlineSnapshot(`
      [
        "start [answer] Nimmt den Anruf an | Answers the call",
        "start [setLanguage] Sprache: Deutsch | Language: German",
        "hello [play] Ansage: „Willkommen bei Musterfirma“ | Prompt: "Willkommen bei Musterfirma"",
        "menu [readInput] Menü: „Drücken Sie 1“ | Menu: "Drücken Sie 1"",
        "menu [caller] Taste 5 | Key 5",
        "menu [readInput] Menü: „Drücken Sie 1“ (Versuch 2) | Menu: "Drücken Sie 1" (attempt 2)",
        "menu [caller] Taste 1 | Key 1",
        "dial-support [dial] Wählt 1001 (20 s) | Dials 1001 (20 s)",
        "dial-support [caller] Besetzt | Busy",
        "dial-support [dial] Wählt 1002 (20 s) | Dials 1002 (20 s)",
        "dial-support [caller] Keine Antwort | No answer",
        "mailbox [voicemail] Mailbox 1000 | Voicemail 1000",
        "mailbox [hangup] Legt auf | Hangs up",
        "mailbox [end] Ende: Mailbox 1000 | End: voicemail 1000",
      ]
    `);
    expect(t).toMatchObject({ flowId: 'main', at: '2026-06-03T08:00:00.000Z', callerId: '0301234', status: 'ended' });
    expect(t.outcome).toEqual({ kind: 'voicemail', flowId: 'main', nodeId: 'mailbox', mailbox: '1000' });
    expect(t.visits).toEqual([
      { flowId: 'main', nodeId: 'start' },
      { flowId: 'main', nodeId: 'hello', edge: { from: 'start', output: 'next' } },
      { flowId: 'main', nodeId: 'menu', edge: { from: 'hello', output: 'next' } },
      { flowId: 'main', nodeId: 'dial-support', digits: '1', edge: { from: 'menu', output: '1' } },
      { flowId: 'main', nodeId: 'mailbox', edge: { from: 'dial-support', output: 'noAnswer' } },
    ]);
    expect(t.effects.filter((e) => e.type === 'visit')).toHaveLength(5);
    expect(t.waitingFor).toBeUndefined();
  });

  it('stops waiting when the script runs out at a wait for keys, a dial or a queue', () => {
    expect(run('')).toMatchObject({
      status: 'waiting',
      waitingFor: { flowId: 'main', nodeId: 'menu', kind: 'input', expects: ['1', '1002', 'timeout'] },
    });
    expect(run('1002').waitingFor).toEqual({
      flowId: 'main',
      nodeId: 'direct',
      kind: 'dial',
      expects: ['answer', 'busy', 'noanswer', 'unavailable'],
    });
    expect(run('1').outcome).toBeUndefined();
  });

  it('lets the caller hang up during a prompt or inside the voicemail', () => {
    expect(run('hangup').outcome).toEqual({ kind: 'callerHangup', flowId: 'main', nodeId: 'hello' });
    expect(run('1, noanswer, noanswer, hangup').outcome?.kind).toBe('voicemail');
    expect(run('1, answer').outcome).toEqual({ kind: 'connected', flowId: 'main', nodeId: 'dial-support', via: 'dial', target: '1001' });
  });

  it('explains a token that does not fit the wait', () => {
    expect(() => run('1, 1')).toThrow(
      'event 2 ("1") does not fit: the call waits for a dial result at node "dial-support" (answer, busy, noanswer, unavailable)',
    );
    expect(() => run('busy')).toThrow(
      'event 1 ("busy") does not fit: the call waits for keys at node "menu" (1, 1002, timeout)',
    );
    expect(() => run('1, answer')).not.toThrow();
    expect(() => run('timeout, timeout, timeout, 1')).toThrow(
      expect.objectContaining({ code: 'call-ended', position: 4, message: 'event 4 ("1") comes after the call ended (hangup at node "bye")' }),
    );
  });

  it('reads a token of keys as a caller pressing them: the entry ends at the first key that completes one', () => {
    // `1` could start 1002, so the menu waits; `10021` is 1002 and a key too many, which the menu does not read.
    const t = run('10021, answer');
    expect(t.visits.map((v) => `${v.nodeId}${v.digits ? ` <${v.digits}>` : ''}`)).toEqual(['start', 'hello', 'menu', 'direct <1002>']);
    expect(t.outcome).toMatchObject({ kind: 'connected' });
  });

  it('does not advance its virtual clock', () => {
    const hours = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 't', type: 'TimeCondition', params: { weekly: [{ days: [3], from: '09:00', to: '10:01' }] } },
        { id: 'p', type: 'Play', params: { prompt: tts('x') } },
        { id: 'open', type: 'Hangup' },
        { id: 'closed', type: 'Hangup' },
      ],
      ['s.next->t', 't.open->p', 't.closed->closed', 'p.next->t'],
      'hours',
    );
    const t = simulate(flowLibrary([hours]), 'hours', [], { at: new Date('2026-06-03T10:00:00+02:00'), callerId: '' });
    expect(t.outcome).toEqual({ kind: 'loopLimit', flowId: 'hours', nodeId: expect.any(String) });
  });
});
