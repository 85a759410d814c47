import { createContext, useContext, useEffect, useState, type Dispatch, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useResources } from '../api/resources.js';
import type { Checked, DraftFlow } from './draft.js';
import { createEditorStore, isDirty, type EditorStore, type EditorStoreState, type FlowSession } from './editor-store.js';
import type { EditorAction, EditorState } from './reducer.js';

const EditorContext = createContext<EditorStore | null>(null);

/** Holds one editor store for its subtree; the server's lists (for the checks) flow into it. */
export function EditorProvider({ initial, children }: { initial: DraftFlow; children: ReactNode }) {
  const [store] = useState(() => createEditorStore(initial));
  const { resources } = useResources();
  useEffect(() => store.getState().setResources(resources), [store, resources]);
  return <EditorContext.Provider value={store}>{children}</EditorContext.Provider>;
}

/** The editor store itself, for event handlers that read it when they run. Throws outside an EditorProvider. */
export function useEditorStore(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error('the editor store needs an <EditorProvider> above it');
  return store;
}

/**
 * A slice of the editor's state: the component re-renders only when the slice changes (by
 * identity, so select a field or return a stable value, not a new object).
 *
 * @example const nodes = useEditorState((s) => s.flow.nodes);
 */
export function useEditorState<T>(select: (state: EditorState) => T): T {
  return useStore(useEditorStore(), (s) => select(s.editor));
}

/** A slice of the whole store (check, session), re-rendering on its change only. */
export function useEditorStoreState<T>(select: (state: EditorStoreState) => T): T {
  return useStore(useEditorStore(), select);
}

export function useDispatch(): Dispatch<EditorAction> {
  return useStore(useEditorStore(), (s) => s.dispatch);
}

/** The draft parsed and validated. */
export function useChecked(): Checked {
  return useStore(useEditorStore(), (s) => s.checked);
}

export function useSession(): FlowSession {
  return useStore(useEditorStore(), (s) => s.session);
}

/** Whether the open flow has changes the server does not have. */
export function useDirty(): boolean {
  return useStore(useEditorStore(), isDirty);
}
