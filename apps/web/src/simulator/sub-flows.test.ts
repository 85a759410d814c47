import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseFlow, type Flow } from '@stumpfworks/flow';
import { tryAllPaths } from './coverage.js';
import { runSimulation } from './session.js';
import { loadSubFlows } from './sub-flows.js';

function example(name: string): Flow {
  const parsed = parseFlow(JSON.parse(readFileSync(new URL(`../../../../examples/${name}.flow.json`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.problems)}`);
  return parsed.flow;
}

describe('the simulator with sub-flows (CallFlow, GotoFlow)', () => {
  const members = example('members-line');
  const pinCheck = example('pin-check');

  it('loads the flows a flow reaches, transitively, leaving out one the server does not have', async () => {
    const stored: Record<string, unknown> = { 'pin-check': pinCheck };
    const asked: string[] = [];
    const read = async (id: string) => {
      asked.push(id);
      return stored[id];
    };
    expect((await loadSubFlows(members, read)).map((f) => f.id)).toEqual(['pin-check']);
    const goesOn: Flow = { ...pinCheck, nodes: [...pinCheck.nodes, { id: 'go', type: 'GotoFlow', params: { flow: 'gone' } }] };
    stored['pin-check'] = goesOn;
    expect((await loadSubFlows(members, read)).map((f) => f.id)).toEqual(['pin-check']);
    expect(asked).toEqual(['pin-check', 'pin-check', 'gone']);
  });

  it('runs a call into the sub-flow and back, and tries all paths through it', () => {
    const result = runSimulation(members, { tokens: ['4711'], at: '2026-06-03T10:00', callerId: '0301234567' }, [pinCheck]);
    expect(result.ok && result.transcript.outcome).toMatchObject({ kind: 'hangup', flowId: 'members-line', nodeId: 'end' });
    const missing = runSimulation(members, { tokens: [], at: '2026-06-03T10:00', callerId: '' });
    expect(missing.ok ? 'ran' : missing.message.en).toContain('flow "pin-check"');
    const { paths } = tryAllPaths(members, '2026-06-03T10:00', '0301234567', [pinCheck]);
    expect(paths.some((p) => p.nodes.includes('hours'))).toBe(true);
  });
});
