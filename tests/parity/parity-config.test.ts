import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoInZone } from '@stumpfworks/flow';
import { buildCases, DEFAULT_CALLER, loadParitySuite, ParityConfigError, parseParityFile } from './parity-config.js';
import { confbridgeConf, namedBy, queuesConf, voicemailConf } from './pbx-setup.js';

const root = join(import.meta.dirname, '..', '..');
const folder = join(root, 'tests', 'fixtures', 'parity-folder');

/** The fixture folder copied to a temp dir, with `parity` as its parity.json when given. */
function copy(parity?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'swf-parity-'));
  cpSync(folder, dir, { recursive: true });
  if (parity !== undefined) writeFileSync(join(dir, 'parity.json'), typeof parity === 'string' ? parity : JSON.stringify(parity));
  return dir;
}

const problemsOf = (parity: unknown): string => {
  try {
    loadParitySuite(copy(parity));
  } catch (error) {
    expect(error).toBeInstanceOf(ParityConfigError);
    return (error as Error).message;
  }
  throw new Error('the folder loaded');
};

describe('parity folder loader', () => {
  it('without parity.json calls each entry flow at a weekday morning, a weekday night and a Sunday in its zone, from a German mobile number', () => {
    const suite = loadParitySuite(copy());
    // hotline-team has no Start number: only a sub-flow, not an entry point.
    expect(suite.flows.map((f) => f.id)).toEqual(['hotline-team', 'hotline']);
    expect(suite.scenarios.map((s) => [s.flowId, s.number, isoInZone(s.at, 'Europe/Berlin'), s.callerId, s.byDefault])).toEqual([
      ['hotline', '7700', '2026-06-03T10:00:00+02:00', DEFAULT_CALLER, true],
      ['hotline', '7700', '2026-06-03T22:00:00+02:00', DEFAULT_CALLER, true],
      ['hotline', '7700', '2026-06-07T12:00:00+02:00', DEFAULT_CALLER, true],
    ]);
  });

  it('at the instants by default, leaves out the paths that never read the clock differently (the same script and trace again)', () => {
    const { cases, repeats } = buildCases(loadParitySuite(copy()));
    // Night and Sunday are both closed: the mailbox path once.
    expect(repeats).toBe(1);
    const closed = cases.filter((c) => c.expected.end?.endsWith('hotline/mailbox') && c.plan.events.length === 0);
    expect(closed).toHaveLength(1);
    // The sub-flow's queue is reached through the CallFlow, in the open hours only.
    expect(cases.some((c) => c.expected.visits.includes('hotline-team/queue'))).toBe(true);
    expect(new Set(cases.map((c) => c.plan.index)).size).toBe(cases.length);
  });

  it('reads instants (with offset or as wall-clock time in the flow zone), callers, scripts and bounds from parity.json', () => {
    const suite = loadParitySuite(
      copy({
        callers: ['+4930123456'],
        flows: {
          hotline: {
            instants: [{ label: 'winter morning', at: '2026-12-02T09:00:00' }, { at: '2026-06-03T10:00:00+02:00' }],
            scripts: ['1,answer'],
            bounds: { maxEvents: 3, maxVisitsPerNode: 2 },
          },
        },
      }),
    );
    expect(suite.scenarios.map((s) => [s.label, s.at.toISOString(), s.callerId, s.scripts, s.bounds, s.byDefault])).toEqual([
      ['winter morning', '2026-12-02T08:00:00.000Z', '+4930123456', ['1,answer'], { maxEvents: 3, maxVisitsPerNode: 2 }, false],
      ['2026-06-03T10:00:00+02:00', '2026-06-03T08:00:00.000Z', '+4930123456', ['1,answer'], { maxEvents: 3, maxVisitsPerNode: 2 }, false],
    ]);
    const { cases, repeats } = buildCases(suite);
    // Named instants are all run, even when they give the same paths.
    expect(repeats).toBe(0);
    expect(cases.filter((c) => c.plan.events.join(',') === '1,answer')).toHaveLength(4);
  });

  it('names the field of each problem in parity.json', () => {
    expect(problemsOf('{"flows": ')).toMatch(/parity\.json: not JSON/);
    const message = problemsOf({ callers: ['0176 123'], flows: { hotline: { instants: [{ at: 7 }], bounds: { maxEvents: 0 }, extra: 1 } } });
    expect(message).toContain('callers.0: a caller number');
    expect(message).toContain('flows.hotline.instants.0.at:');
    expect(message).toContain('flows.hotline.bounds.maxEvents:');
    expect(message).toContain('flows.hotline.bounds.maxVisitsPerNode:');
    expect(message).toMatch(/flows\.hotline: .*extra/);
  });

  it('refuses instants that are no time, flows that are not there or cannot be called, and sub-flows missing from the folder', () => {
    expect(problemsOf({ flows: { hotline: { instants: [{ at: 'soon' }] } } })).toMatch(/flows\.hotline\.instants\.0\.at: "soon" is not a date-time/);
    expect(problemsOf({ instants: [{ at: '2026-03-29T02:30:00' }] })).toMatch(/instants\.0\.at: .*not a time that exists in Europe\/Berlin \(the clocks skip it\)/);
    expect(problemsOf({ flows: { nowhere: {} } })).toMatch(/flows\.nowhere: no flow with this id/);
    expect(problemsOf({ flows: { 'hotline-team': {} } })).toMatch(/flows\.hotline-team: the flow has no Start number/);
    const dir = mkdtempSync(join(tmpdir(), 'swf-parity-'));
    cpSync(join(folder, 'hotline.flow.json'), join(dir, 'hotline.flow.json'));
    expect(() => loadParitySuite(dir)).toThrow(/flow hotline names the flow "hotline-team", which is not in the folder/);
  });

  it('refuses one caller ID per path for a flow that branches on the caller ID', () => {
    expect(() => parseParityFile('{"flows": {"x": {"callerIdPerPath": "yes"}}}')).toThrow(/flows\.x\.callerIdPerPath:/);
    const dir = copy({ flows: { vip: { callerIdPerPath: true } } });
    const vip = {
      schemaVersion: 1,
      id: 'vip',
      name: 'VIP',
      nodes: [
        { id: 'start', type: 'Start', params: { number: '7800' } },
        { id: 'who', type: 'Condition', params: { subject: 'callerId', operator: 'equals', value: '017612345678' } },
        { id: 'end', type: 'Hangup', params: {} },
      ],
      edges: [
        { from: 'start', output: 'next', to: 'who' },
        { from: 'who', output: 'true', to: 'end' },
        { from: 'who', output: 'false', to: 'end' },
      ],
    };
    writeFileSync(join(dir, 'vip.flow.json'), JSON.stringify(vip));
    expect(() => loadParitySuite(dir)).toThrow(/flows\.vip\.callerIdPerPath: one caller ID per path needs a flow that does not branch on the caller ID/);
  });

  it('sets up what the flows name: the queue with the scripted agents, the mailbox, no room', () => {
    const { flows } = loadParitySuite(copy());
    expect(namedBy(flows, 'prompts')).toEqual(['hotline-welcome']);
    expect(queuesConf(flows)).toMatch(/^\[hotline\]\n(.*\n)*member => Local\/9000@parity-agents\/n$/m);
    expect(voicemailConf(flows)).toContain('\n7701 => 4711,Mailbox 7701,\n');
    expect(confbridgeConf(flows)).not.toContain('[swf-room');
  });

  it('reads the example of docs/flow-semantics.md', () => {
    const docs = readFileSync(join(root, 'docs', 'flow-semantics.md'), 'utf8');
    const example = /## Parity on any flows[\s\S]*?```json\n([\s\S]*?)```/.exec(docs)?.[1];
    if (example === undefined) throw new Error('docs/flow-semantics.md has no parity.json example');
    const suite = loadParitySuite(copy(example));
    expect(suite.scenarios.map((s) => [s.label, s.callerId])).toEqual([
      ['Friday 17:59, open, from +4989123456', '+4989123456'],
      ['Monday 08:00 after summer time starts, from +4989123456', '+4989123456'],
      ['Friday 17:59, open, from 017612345678', '017612345678'],
      ['Monday 08:00 after summer time starts, from 017612345678', '017612345678'],
    ]);
    // Key 1 with a 2 typed past it, then the queue answers: a path enumeration never tries.
    const scripted = buildCases(suite).cases.filter((c) => c.plan.events.join(',') === '12,answer');
    expect(scripted.map((c) => c.expected.end)).toEqual(Array(4).fill('connected hotline-team/queue'));
  });

  it('names the script and the instant where a hand-written path does not fit', () => {
    const suite = loadParitySuite(copy({ flows: { hotline: { instants: [{ label: 'Sunday', at: '2026-06-07T12:00:00' }], scripts: ['1,answer'] } } }));
    expect(() => buildCases(suite)).toThrow(/^flows\.hotline\.scripts\.0 "1,answer" at Sunday: /);
  });

  it('covers examples/ by the same format: at least 1,000 paths', () => {
    const suite = loadParitySuite(join(root, 'examples'));
    expect(confbridgeConf(suite.flows)).toContain('[swf-room-8000]');
    expect(buildCases(suite).cases.length).toBeGreaterThanOrEqual(1000);
  });
});
