import { describe, expect, it } from 'vitest';
import { emptyFlow } from './draft.js';
import { createEditorStore, isDirty } from './editor-store.js';

const stored = { ...emptyFlow('kunden', 'Kunden'), nodes: [{ id: 'start-1', type: 'Start', position: { x: 0, y: 0 }, params: {} }] };

describe('the editor store', () => {
  it('runs the pure reducer with its undo, and checks the draft only when the flow changed', () => {
    const store = createEditorStore(stored, 3);
    const checked = store.getState().checked;
    store.getState().dispatch({ type: 'select', nodeId: 'start-1' });
    expect(store.getState().checked).toBe(checked);
    store.getState().dispatch({ type: 'addNode', nodeType: 'Hangup', position: { x: 0, y: 100 } });
    expect(store.getState().checked).not.toBe(checked);
    expect(store.getState().editor.flow.nodes.map((n) => n.id)).toEqual(['start-1', 'hangup-1']);
    store.getState().dispatch({ type: 'undo' });
    expect(store.getState().editor.flow).toBe(stored);
  });

  it('tells unsaved changes apart from what the server has, also across undo and a save in flight', () => {
    const store = createEditorStore(stored, 3);
    expect(isDirty(store.getState())).toBe(false);
    store.getState().dispatch({ type: 'renameFlow', name: 'Kunden 2' });
    expect(isDirty(store.getState())).toBe(true);
    store.getState().dispatch({ type: 'undo' });
    expect(isDirty(store.getState())).toBe(false);
    store.getState().dispatch({ type: 'renameFlow', name: 'Kunden 3' });
    const sent = store.getState().editor.flow;
    store.getState().dispatch({ type: 'renameFlow', name: 'Kunden 4' }); // typed while the save was on its way
    store.getState().markSaved(sent, 4);
    expect(store.getState().session.revision).toBe(4);
    expect(isDirty(store.getState())).toBe(true);
    store.getState().markSaved(store.getState().editor.flow, 5);
    expect(isDirty(store.getState())).toBe(false);
  });

  it('opens a flow with its kept changes over it, based on the revision they were made on', () => {
    const store = createEditorStore(emptyFlow());
    const local = { flow: { ...stored, name: 'Kunden (unsaved)' }, revision: 2, keptAt: '2026-12-07T00:00:00.000Z' };
    store.getState().open(stored, 3, local);
    const { editor, session } = store.getState();
    expect(editor.flow.name).toBe('Kunden (unsaved)');
    expect(editor.past).toEqual([]);
    expect(session).toEqual({ saved: stored, revision: 2, idFollowsName: false, restoredFrom: local.keptAt });
    expect(isDirty(store.getState())).toBe(true);
    store.getState().open(stored, 3);
    expect(store.getState().session.revision).toBe(3);
    expect(isDirty(store.getState())).toBe(false);
  });

  it('lets a new flow\'s id follow its name until the admin types one', () => {
    const store = createEditorStore(emptyFlow('neuer-ablauf', 'Neuer Ablauf'));
    expect(store.getState().session).toMatchObject({ revision: null, idFollowsName: true });
    store.getState().dispatch({ type: 'renameFlow', name: 'Hotline', id: 'hotline' });
    expect(store.getState().editor.flow).toMatchObject({ id: 'hotline', name: 'Hotline' });
    store.getState().setNewFlowId('support');
    expect(store.getState().editor.flow.id).toBe('support');
    expect(store.getState().session.idFollowsName).toBe(false);
    store.getState().dispatch({ type: 'undo' });
    expect(store.getState().editor.flow.id).toBe('hotline');
  });
});
