/**
 * The editor's side of the proof in docs/adding-a-node.md: the test-only sample node type,
 * registered with its flow description and engine step only, is in the palette, gets a seeded
 * node, an inspector form with labels, a dropdown and a picker, handles per output, diagnostics,
 * the simulator's controls and coverage, none of which was changed for it.
 * (Validation, compiler and ARI runtime: packages/ari-runtime/src/sample-node.test.ts.)
 */
import { registerNodeStep, waitsOf } from '@stumpfworks/engine';
import { NODE_TYPES, nodeOutputs, registerNodeType } from '@stumpfworks/flow';
import { beforeAll, describe, expect, it } from 'vitest';
import { confirmStep } from '../../../../packages/engine/src/sample-node/confirm.step.js';
import { confirmNode } from '../../../../packages/flow/src/sample-node/confirm.node.js';
import { coverageOf, tryAllPaths } from '../simulator/coverage.js';
import { runSimulation } from '../simulator/session.js';
import { checkDraft, emptyFlow } from './draft.js';
import { nodeFormFields } from './node-form.js';
import { paletteItems } from './palette.js';
import { editorReducer, initialState, type EditorAction } from './reducer.js';

beforeAll(() => {
  registerNodeType(confirmNode);
  registerNodeStep('Confirm', confirmStep);
});

const connect = (source: string, sourceHandle: string, target: string): EditorAction => ({ type: 'connect', connection: { source, sourceHandle, target, targetHandle: 'in' } });
const add = (nodeType: string): EditorAction => ({ type: 'addNode', nodeType, position: { x: 0, y: 0 } });

describe('a node type added by its own files only, in the editor', () => {
  it('is in the palette, after the built-in types', () => {
    const items = paletteItems();
    expect(items).toHaveLength(NODE_TYPES.length + 1);
    expect(items.at(-1)).toEqual({ type: 'Confirm', category: 'prompt', label: { de: 'Bestätigen', en: 'Confirm' }, description: confirmNode.description });
  });

  it('is added with its seed, and the inspector builds its form from the description', () => {
    const state = [add('Start'), add('Confirm')].reduce(editorReducer, initialState(emptyFlow()));
    const node = state.flow.nodes[1]!;
    expect(node).toMatchObject({ id: 'confirm-1', type: 'Confirm', params: { key: '1', timeoutSeconds: 5, prompt: { kind: 'tts' } } });
    const fields = nodeFormFields(node, { prompts: ['welcome', 'confirm'] })!;
    expect(fields.map((f) => [f.key, f.label.de, f.field.kind, f.options ?? null])).toEqual([
      ['prompt', 'Ansage', 'prompt', ['welcome', 'confirm']],
      ['key', 'Taste', 'select', null],
      ['timeoutSeconds', 'Wartezeit (Sekunden)', 'number', null],
    ]);
    expect(fields[1]!.valueLabels?.['#']).toEqual({ de: 'Raute (#)', en: 'Hash (#)' });
    expect(nodeOutputs(node).map((o) => o.name)).toEqual(['yes', 'no']);
  });

  it('gets its diagnostics, runs in the simulator with the key controls, and its outputs count for coverage', () => {
    let state = [add('Start'), add('Confirm'), add('Hangup'), connect('start-1', 'next', 'confirm-1'), connect('confirm-1', 'yes', 'hangup-1')].reduce(
      editorReducer,
      initialState(emptyFlow()),
    );
    expect(checkDraft(state.flow).diagnostics.map((d) => `${d.code} ${d.nodeId}.${d.output}`)).toEqual(['confirm-no-refusal confirm-1.no']);
    state = editorReducer(state, connect('confirm-1', 'no', 'hangup-1'));
    const flow = checkDraft(state.flow).flow!;
    expect([...waitsOf(flow)]).toEqual(['input']);
    const call = runSimulation(flow, { tokens: ['1'], at: '2026-06-03T10:00', callerId: '' });
    expect(call.ok && call.transcript.waitingFor).toBeFalsy();
    expect(call.ok && call.transcript.outcome).toMatchObject({ kind: 'hangup', nodeId: 'hangup-1' });
    const waiting = runSimulation(flow, { tokens: [], at: '2026-06-03T10:00', callerId: '' });
    expect(waiting.ok && waiting.transcript.waitingFor).toMatchObject({ nodeId: 'confirm-1', kind: 'input', expects: ['1', 'timeout'] });
    const coverage = coverageOf(flow, tryAllPaths(flow, '2026-06-03T10:00', '').paths);
    expect(coverage).toMatchObject({ nodes: { reached: 3, total: 3 }, edges: { reached: 3, total: 3 } });
  });
});
