import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KnownResources } from '@stumpfworks/flow';
import type { Checked, DraftFlow } from './draft.js';
import type { LocalDraft } from './local-drafts.js';
import { recheckDraft, type CheckedDraft } from './recheck.js';
import { editorReducer, initialState, type EditorAction, type EditorState } from './reducer.js';

/** Where the open flow stands against the server. */
export interface FlowSession {
  /** The flow as last read from or written to the server: the editor's flow differs from it when there are unsaved changes. */
  saved: DraftFlow;
  /** The server's revision the editor's flow is based on (sent as If-Match); null while the flow was never saved. */
  revision: number | null;
  /** While the flow is new: its id follows its name until the admin types one. */
  idFollowsName: boolean;
  /** When the unsaved changes shown were restored from the browser (their time), else undefined. */
  restoredFrom?: string;
}

export interface EditorStoreState {
  editor: EditorState;
  /** The draft parsed and validated: the Flow (when it parses) and the diagnostics. */
  checked: Checked;
  session: FlowSession;
  dispatch(action: EditorAction): void;
  /** The server's lists the checks use (undefined: offline). */
  setResources(resources: KnownResources | undefined): void;
  /** Opens `saved` (as the server has it, at `revision`), with unsaved changes kept locally over it. */
  open(saved: DraftFlow, revision: number | null, local?: LocalDraft): void;
  /** The server stored `flow` as `revision`: changes made since stay unsaved. */
  markSaved(flow: DraftFlow, revision: number): void;
  /** A new flow's id typed by the admin: from now on it no longer follows the name. */
  setNewFlowId(id: string): void;
}

export type EditorStore = StoreApi<EditorStoreState>;

/** Whether the editor's flow has changes the server does not have. */
export const isDirty = (s: Pick<EditorStoreState, 'editor' | 'session'>): boolean => s.editor.flow !== s.session.saved;

/**
 * The editor's one store: the pure reducer (with its undo) for the document, its check, and the
 * session against the server. Components read it through selectors (store.tsx), so a change
 * re-renders only those whose slice changed.
 */
export function createEditorStore(initial: DraftFlow, revision: number | null = null): EditorStore {
  let resources: KnownResources | undefined;
  let last: CheckedDraft | undefined;
  const check = (flow: DraftFlow): Checked => {
    const checked = recheckDraft(last, flow, resources);
    last = { draft: flow, resources, checked };
    return checked;
  };
  const session = (saved: DraftFlow, rev: number | null, restoredFrom?: string): FlowSession => ({
    saved,
    revision: rev,
    idFollowsName: rev === null,
    ...(restoredFrom ? { restoredFrom } : {}),
  });
  return createStore<EditorStoreState>()((set, get) => ({
    editor: initialState(initial),
    checked: check(initial),
    session: session(initial, revision),
    dispatch(action) {
      const { editor, checked } = get();
      const next = editorReducer(editor, action);
      if (next === editor) return;
      set({ editor: next, checked: next.flow === editor.flow ? checked : check(next.flow) });
    },
    setResources(next) {
      if (next === resources) return;
      resources = next;
      set({ checked: check(get().editor.flow) });
    },
    open(saved, rev, local) {
      const flow = local?.flow ?? saved;
      set({ editor: editorReducer(get().editor, { type: 'load', flow }), checked: check(flow), session: session(saved, local ? local.revision : rev, local?.keptAt) });
    },
    markSaved(flow, rev) {
      set({ session: { saved: flow, revision: rev, idFollowsName: false } });
    },
    setNewFlowId(id) {
      get().dispatch({ type: 'setFlowId', id });
      set({ session: { ...get().session, idFollowsName: false } });
    },
  }));
}
