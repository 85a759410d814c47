import { describe, expect, it } from 'vitest';
import { checkDraft, emptyFlow, type DraftFlow } from './draft.js';

const draft = (patch: Partial<DraftFlow>): DraftFlow => ({
  ...emptyFlow('test', 'Test'),
  nodes: [
    { id: 'start', type: 'Start', params: { number: '7000' } },
    { id: 'room', type: 'Conference', params: { room: '8000', pin: '' } },
  ],
  edges: [{ from: 'start', output: 'next', to: 'room' }],
  ...patch,
});

describe('checkDraft', () => {
  it('accepts a valid draft and validates it', () => {
    const checked = checkDraft(draft({}));
    expect(checked.flow?.id).toBe('test');
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('puts a schema problem on its node, with the param, in German and English', () => {
    const bad = draft({});
    bad.nodes[1] = { id: 'room', type: 'Conference', params: { room: '8000', pin: 'ab' } };
    expect(checkDraft(bad)).toEqual({
      diagnostics: [
        { code: 'schema', severity: 'error', nodeId: 'room', message: { de: 'params.pin: Eine PIN hat 3 bis 12 Ziffern', en: 'params.pin: a PIN has 3-12 digits' } },
      ],
    });
  });

  it("gives zod's own messages in both languages, and a problem outside the nodes without a node", () => {
    const { diagnostics } = checkDraft(draft({ name: '' }));
    expect(diagnostics).toEqual([
      {
        code: 'schema',
        severity: 'error',
        message: { de: 'name: Zu klein: erwartet, dass string >=1 Zeichen hat', en: 'name: Too small: expected string to have >=1 characters' },
      },
    ]);
  });

  it('says an empty draft is empty', () => {
    expect(checkDraft(emptyFlow()).diagnostics.map((d) => d.code)).toEqual(['empty']);
  });
});
