import { describe, expect, it } from 'vitest';
import { checkDraft, emptyFlow, type DraftFlow } from './draft.js';
import { onlyPositionsChanged, recheckDraft } from './recheck.js';
import { editorReducer, initialState } from './reducer.js';

const flow: DraftFlow = {
  ...emptyFlow(),
  nodes: [
    { id: 'start', type: 'Start', position: { x: 0, y: 0 }, params: { number: '7000' } },
    { id: 'bye', type: 'Hangup', params: {} },
  ],
  edges: [{ from: 'start', output: 'next', to: 'bye' }],
};
const checkedDraft = (draft: DraftFlow) => ({ draft, resources: undefined, checked: checkDraft(draft) });

describe('checking a draft again after a change', () => {
  it('sees a layout or a drag as a change of positions only', () => {
    const laidOut = editorReducer(initialState(flow), { type: 'setPositions', positions: { start: { x: 10, y: 20 }, bye: { x: 300, y: 20 } } }).flow;
    expect(onlyPositionsChanged(flow, laidOut)).toBe(true);
    const renamed = editorReducer(initialState(flow), { type: 'updateNode', id: 'bye', label: 'Ende' }).flow;
    expect(onlyPositionsChanged(flow, renamed)).toBe(false);
    expect(onlyPositionsChanged(flow, { ...flow, edges: [] })).toBe(false);
    expect(onlyPositionsChanged(flow, { ...flow, name: 'Anders' })).toBe(false);
    expect(onlyPositionsChanged(flow, { ...flow, nodes: [flow.nodes[0]!, { ...flow.nodes[1]!, position: { x: Number.NaN, y: 0 } }] })).toBe(false);
  });

  it('keeps the diagnostics and gives the parsed flow the new positions when only positions changed', () => {
    const last = checkedDraft(flow);
    const moved: DraftFlow = { ...flow, nodes: [{ ...flow.nodes[0]!, position: { x: 50, y: 60 } }, { ...flow.nodes[1]!, position: { x: 400, y: 60 } }] };
    const checked = recheckDraft(last, moved);
    expect(checked.diagnostics).toBe(last.checked.diagnostics);
    expect(checked).toEqual(checkDraft(moved));
  });

  it('checks afresh when more than positions changed, or the draft did not parse', () => {
    const last = checkedDraft(flow);
    const unlinked = { ...flow, edges: [] };
    expect(recheckDraft(last, unlinked)).toEqual(checkDraft(unlinked));
    expect(recheckDraft(last, unlinked).diagnostics.length).toBeGreaterThan(0);
    const broken: DraftFlow = { ...flow, nodes: [...flow.nodes, { id: 'ring', type: 'Dial', params: { targets: [] } }] };
    const movedBroken = { ...broken, nodes: broken.nodes.map((n) => ({ ...n, position: { x: 1, y: 1 } })) };
    expect(recheckDraft(checkedDraft(broken), movedBroken)).toEqual(checkDraft(movedBroken));
  });
});
