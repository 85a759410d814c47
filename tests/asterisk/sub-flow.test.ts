/**
 * Sub-flows on the real Asterisk: CallFlow is Gosub into the child's shared contexts, Return is
 * Return() only inside such a call, and a Start keeps the language of a call that began elsewhere.
 * Each call's visits (SWFlowNode user events) are compared with the engine's, and the channel's
 * language at each visit (ARI's channel snapshot on the event) is checked.
 */
import { compileFlows, flowContext } from '@stumpfworks/dialplan';
import { flowLibrary, simulate } from '@stumpfworks/engine';
import { testFlow, type Flow } from '@stumpfworks/flow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChannelUsereventEvent } from '../support/ari-events.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { logOffset, problemLines, readLogSince } from '../support/local-asterisk.js';
import { Probe } from './probe.js';

const availability = await detectAsterisk();

/** German: not Asterisk's default (`en`), so a language that stays is told from one never set. */
const flows: Flow[] = [
  testFlow(
    [
      { id: 's', type: 'Start', params: { language: 'de' } },
      { id: 'call', type: 'CallFlow', params: { flow: 'mid' } },
      { id: 'checked', type: 'Condition', params: { subject: 'CHECKED', operator: 'equals', value: 'mid' } },
      { id: 'yes', type: 'Hangup' },
      { id: 'no', type: 'Hangup' },
    ],
    ['s.next->call', 'call.next->checked', 'checked.true->yes', 'checked.false->no'],
    'main',
  ),
  // Calls `sub` (a nested frame), then jumps to `tail`, whose Return goes back to main's CallFlow.
  testFlow(
    [
      { id: 's', type: 'Start', params: { language: 'en' } },
      { id: 'v', type: 'SetVariable', params: { name: 'FROM', value: 'mid' } },
      { id: 'call', type: 'CallFlow', params: { flow: 'sub' } },
      { id: 'g', type: 'GotoFlow', params: { flow: 'tail' } },
    ],
    ['s.next->v', 'v.next->call', 'call.next->g'],
    'mid',
  ),
  testFlow(
    [
      { id: 's', type: 'Start', params: { language: 'en' } },
      { id: 'set', type: 'SetVariable', params: { name: 'CHECKED', value: '${FROM}' } },
      { id: 'r', type: 'Return' },
    ],
    ['s.next->set', 'set.next->r'],
    'sub',
  ),
  testFlow([{ id: 's', type: 'Start', params: { language: 'en' } }, { id: 'r', type: 'Return' }], ['s.next->r'], 'tail'),
];

interface Observed {
  visits: string[];
  languages: string[];
  end: string;
}

describeWithAsterisk(availability, 'sub-flows on Asterisk (Gosub/Return, the caller’s language kept)', (asterisk) => {
  let probe: Probe;
  beforeAll(async () => {
    const compiled = compileFlows(flows);
    if (!compiled.ok) throw new Error(`the sub-flow probe flows do not compile: ${JSON.stringify(compiled.diagnostics)}`);
    probe = await Probe.start(asterisk, [{ name: 'extensions.conf', module: 'pbx_config.so', content: compiled.text }]);
  });
  afterAll(async () => {
    await probe?.stop();
  });

  /** Calls a flow's own context and collects its visits, the language at each, and its end. */
  async function callFlow(flowId: string): Promise<Observed> {
    const events: ChannelUsereventEvent[] = [];
    const off = probe.ari.on('ChannelUserevent', (e) => events.push(e));
    try {
      const call = await probe.call(flowContext(flowId));
      const end = await probe.ari.waitFor('ChannelUserevent', (e) => e.eventname === 'SWFlowEnd' && e.channel?.id === call.two, { since: call.mark });
      await probe.ended(call);
      const visits = events.filter((e) => e.eventname === 'SWFlowNode' && e.channel?.id === call.two);
      return {
        visits: visits.map((e) => `${e.userevent.flow}/${e.userevent.node}`),
        languages: visits.map((e) => e.channel?.language ?? ''),
        end: `${end.userevent.outcome} ${end.userevent.flow}/${end.userevent.node}`,
      };
    } finally {
      off();
    }
  }

  function engine(flowId: string): Omit<Observed, 'languages'> {
    const transcript = simulate(flowLibrary(flows), flowId, [], { at: new Date(), callerId: '' });
    const outcome = transcript.outcome!;
    return { visits: transcript.visits.map((v) => `${v.flowId}/${v.nodeId}`), end: `${outcome.kind} ${outcome.flowId}/${outcome.nodeId}` };
  }

  it('returns through nested calls and a GotoFlow inside a call, with the variables, in the caller’s language', async () => {
    const log = asterisk.messagesLog;
    if (!log) throw new Error('messages.log is unknown: run through asterisk.sh (connection.json)');
    const offset = logOffset(log);
    const observed = await callFlow('main');
    expect({ visits: observed.visits, end: observed.end }).toEqual(engine('main'));
    expect(observed.visits).toEqual([
      'main/s', 'main/call', 'mid/s', 'mid/v', 'mid/call', 'sub/s', 'sub/set', 'sub/r', 'mid/g', 'tail/s', 'tail/r', 'main/checked', 'main/yes',
    ]);
    // The visit of main/s comes before its Start sets German; every later one, in three flows that start English, is German.
    expect(observed.languages.slice(1)).toEqual(observed.visits.slice(1).map(() => 'de'));
    expect(problemLines(readLogSince(log, offset))).toEqual([]);
  }, 60_000);

  it('hangs up at a Return in a call that began in that flow (no Gosub frame: no "Return without Gosub")', async () => {
    const log = asterisk.messagesLog!;
    const offset = logOffset(log);
    const observed = await callFlow('sub');
    expect({ visits: observed.visits, end: observed.end }).toEqual(engine('sub'));
    expect(observed.end).toBe('hangup sub/r');
    expect(problemLines(readLogSince(log, offset))).toEqual([]);
  }, 60_000);
});
