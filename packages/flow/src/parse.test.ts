import { describe, expect, it } from 'vitest';
import { parseFlow } from './parse.js';

const minimal = {
  schemaVersion: 1,
  id: 'f',
  name: 'F',
  nodes: [
    { id: 'start', type: 'Start', params: { number: '100' } },
    { id: 'bye', type: 'Hangup', params: {} },
  ],
  edges: [{ from: 'start', output: 'next', to: 'bye' }],
};

describe('parseFlow', () => {
  it('accepts a minimal flow and fills in defaults', () => {
    const result = parseFlow(JSON.stringify(minimal));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.flow.nodes[0]!.params).toEqual({ number: '100', language: 'de' });
  });

  it('names the place of malformed JSON', () => {
    const result = parseFlow('{"schemaVersion": 1,,}');
    expect(result).toMatchObject({ ok: false, problems: [{ path: '(document)' }] });
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/^not valid JSON: .*position 20/);
  });

  it('refuses a flow from a newer schemaVersion with a clear message', () => {
    const result = parseFlow({ ...minimal, schemaVersion: 7 });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: 'schemaVersion',
          message:
            'the flow was saved by a newer version (schemaVersion 7); this version reads up to 1. Update StumpfWorks VoIP to open it.',
        },
      ],
    });
  });

  it('names an unknown node type and lists the known ones', () => {
    const result = parseFlow({ ...minimal, nodes: [...minimal.nodes, { id: 'x', type: 'Teleport', params: {} }] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]!.path).toBe('nodes[2] "x".type');
      expect(result.problems[0]!.message).toMatch(/^unknown node type "Teleport"; known types: Start, Play, Menu/);
    }
  });

  it('points at the node and param of a schema violation', () => {
    const bad = {
      ...minimal,
      nodes: [
        minimal.nodes[0],
        {
          id: 'menu',
          type: 'Menu',
          params: { prompt: { kind: 'sound', name: 'beep' }, timeoutSeconds: 99 },
        },
      ],
    };
    const result = parseFlow(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.path)).toEqual(['nodes[1] "menu".params.timeoutSeconds']);
      expect(result.problems[0]!.message).toMatch(/30/);
    }
  });

  it('refuses duplicate node ids', () => {
    const result = parseFlow({ ...minimal, nodes: [...minimal.nodes, { id: 'bye', type: 'Hangup', params: {} }] });
    expect(result).toEqual({
      ok: false,
      problems: [{ path: 'nodes[2].id', message: 'node id "bye" is used twice' }],
    });
  });

  it('refuses values that would break out into the dialplan', () => {
    const result = parseFlow({
      ...minimal,
      nodes: [
        ...minimal.nodes,
        { id: 'c', type: 'Condition', params: { subject: 'X', operator: 'equals', value: 'a,b)' } },
      ],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.path).toBe('nodes[2] "c".params.value');
  });

  it('refuses a document that is not an object', () => {
    expect(parseFlow('[1,2]')).toEqual({
      ok: false,
      problems: [{ path: '(document)', message: 'a flow must be a JSON object' }],
    });
  });
});

describe('reserved variable names', () => {
  const withNode = (node: object) => ({ ...minimal, nodes: [...minimal.nodes, node] });
  it('refuses a variable that Asterisk uses itself', () => {
    const result = parseFlow(withNode({ id: 'v', type: 'SetVariable', params: { name: 'DIALSTATUS', value: 'x' } }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ path: 'nodes[2] "v".params.name' });
  });
  it('refuses a reference to an internal name in a value', () => {
    const result = parseFlow(withNode({ id: 'v', type: 'SetVariable', params: { name: 'A', value: '${SWF_NOW}' } }));
    expect(result.ok).toBe(false);
  });
  it('lets a condition read the direct-dial extension', () => {
    const node = { id: 'c', type: 'Condition', params: { subject: 'DIRECT_EXTENSION', operator: 'equals', value: '1000' } };
    expect(parseFlow(withNode(node)).ok).toBe(true);
  });
});
