import { readFileSync } from 'node:fs';
import { simulate, flowLibrary } from '@stumpfworks/engine';
import { parseFlow, testFlow, type Flow } from '@stumpfworks/flow';
import { describe, expect, it } from 'vitest';
import { edgeId } from '../editor/mapping.js';
import { clockInstant } from './clock.js';
import { behaviourKey, coverageOf, mergePaths, triedPath, tryAllPaths } from './coverage.js';

const example = (name = 'musterfirma'): Flow => {
  const parsed = parseFlow(JSON.parse(readFileSync(new URL(`../../../../examples/${name}.flow.json`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error('the example does not parse');
  return parsed.flow;
};
const OPEN = '2026-06-03T10:00'; // a Wednesday, 10:00 in Berlin (the flow's zone): open
const SUNDAY = '2026-06-07T10:00';
/** The instant a clock value names in the examples' zone, as the simulator reads it. */
const instant = (at: string) => {
  const clock = clockInstant(at, 'Europe/Berlin');
  if (!clock.ok) throw new Error(clock.message.en);
  return clock.at;
};
const call = (flow: Flow, tokens: string[], at = OPEN) => triedPath(flow, tokens, simulate(flowLibrary([flow]), flow.id, tokens, { at: instant(at), callerId: '0301234' }), at, 'caller');

describe('coverage of the simulator', () => {
  const flow = example();

  it('follows the edges of one call, telling parallel outputs apart by the token', () => {
    expect(call(flow, ['2', 'noanswer']).edges).toEqual(['start:next->hours', 'hours:open->main-menu', 'main-menu:2->support', 'support:noAnswer->voicemail-support']);
    // 0 and timeout both lead to the switchboard: the key decides which output it was.
    expect(call(flow, ['0', 'answer']).edges).toContain('main-menu:0->zentrale');
    expect(call(flow, ['0', 'answer']).edges).not.toContain('main-menu:timeout->zentrale');
    const timedOut = call(flow, ['timeout', 'timeout', 'answer']); // two attempts
    expect(timedOut.edges).toContain('main-menu:timeout->zentrale');
    expect(timedOut.edges).not.toContain('main-menu:0->zentrale');
    // Back from the info menu with 0, with an invalid key, and by timeout: three outputs to one node.
    expect(call(flow, ['*', '0', '2', 'answer']).edges).toContain('info-menu:0->main-menu');
    expect(call(flow, ['*', '7', '7', '2', 'answer']).edges).toContain('info-menu:invalid->main-menu');
    expect(call(flow, ['*', 'timeout', 'timeout', '2', 'answer']).edges).toContain('info-menu:timeout->main-menu');
    expect(call(flow, ['1002', 'answer']).edges).toContain('main-menu:direct->durchwahl');
  });

  it('records a call still waiting without an end, and an ended one with its end in both languages', () => {
    const waiting = call(flow, ['2']);
    expect(waiting.end).toBeUndefined();
    expect(waiting.nodes).toEqual(['start', 'hours', 'main-menu', 'support']);
    expect(call(flow, ['2', 'noanswer']).end).toEqual({ de: 'Ende: Mailbox 1002', en: 'End: voicemail 1002' });
  });

  it('takes each edge from the visit it led to, on every path (through HTTP requests too)', () => {
    const lookup = example('customer-lookup');
    const { paths } = tryAllPaths(lookup, OPEN, '0301234');
    expect(paths.length).toBeGreaterThan(3);
    const edges = new Set(lookup.edges.map(edgeId));
    for (const path of paths) {
      const { visits } = simulate(flowLibrary([lookup]), lookup.id, path.tokens, { at: instant(OPEN), callerId: '0301234' });
      for (let i = 1; i < visits.length; i++) expect(visits[i]!.edge?.from, path.tokens.join(',')).toBe(visits[i - 1]!.nodeId);
      for (const edge of path.edges) expect(edges.has(edge), edge).toBe(true);
      expect(path.edges.length, path.tokens.join(',')).toBe(visits.length - 1);
    }
  });

  it('names the connection really taken: one of two branches to one node, a fallback for an unconnected output', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'c', type: 'Condition', params: { subject: 'callerId', operator: 'equals', value: '0301234' } },
        { id: 'd', type: 'Dial', params: { targets: ['1000'] } },
        { id: 'h', type: 'Hangup' },
      ],
      ['s.next->c', 'c.true->d', 'c.false->d', 'd.noAnswer->h'],
    );
    expect(call(flow, ['busy']).edges).toEqual(['s:next->c', 'c:true->d', 'd:noAnswer->h']);
  });

  it('counts what the paths reached and lists what they never reached', () => {
    const one = coverageOf(flow, [call(flow, ['2', 'noanswer'])]);
    expect(one.nodes).toMatchObject({ reached: 5, total: 19 });
    expect(one.nodes.unreached).toContain('closed-message');
    expect(one.edges.reached).toBe(4);
    expect(one.edges.unreached.map((e) => `${e.from}.${e.output}`)).toContain('main-menu.timeout');
    expect(coverageOf(flow, [])).toMatchObject({ nodes: { reached: 0, total: 19 }, edges: { reached: 0, total: 27 } });
  });

  it('tries all paths at the clock: everything but the closed branch when open, the closed branch on a Sunday', () => {
    const open = tryAllPaths(flow, OPEN, '0301234');
    expect(open.paths.length).toBeGreaterThan(100);
    const atOpen = coverageOf(flow, open.paths);
    expect(atOpen.nodes.unreached).toEqual(['closed-message']);
    expect(atOpen.edges.unreached.map((e) => `${e.from}:${e.output}->${e.to}`)).toEqual(['hours:closed->closed-message', 'closed-message:next->voicemail-zentrale']);
    const both = coverageOf(flow, [...open.paths, ...tryAllPaths(flow, SUNDAY, '0301234').paths]);
    expect(both.nodes.unreached).toEqual([]);
    expect(both.edges.unreached).toEqual([]);
    expect(() => tryAllPaths(flow, 'nonsense', '')).toThrow('invalid date: nonsense');
  });

  it('keeps one entry per tried call and ignores moves in the behaviour key', () => {
    const a = call(flow, ['2', 'noanswer']);
    expect(mergePaths([a], [{ ...a }, a])).toHaveLength(1);
    expect(mergePaths([a], [call(flow, [], SUNDAY)])).toHaveLength(2);
    const moved = { ...flow, nodes: flow.nodes.map((n) => ({ ...n, position: { x: 1, y: 2 } })) };
    expect(behaviourKey(moved)).toBe(behaviourKey(flow));
    expect(behaviourKey({ ...flow, edges: flow.edges.slice(1) })).not.toBe(behaviourKey(flow));
  });
});
