import { createContext, useContext, useMemo, useReducer, useRef, type Dispatch, type ReactNode } from 'react';
import { useResources } from '../api/resources.js';
import type { Checked, DraftFlow } from './draft.js';
import { recheckDraft, type CheckedDraft } from './recheck.js';
import { editorReducer, initialState, type EditorAction, type EditorState } from './reducer.js';

interface EditorValue {
  state: EditorState;
  dispatch: Dispatch<EditorAction>;
  /** The draft parsed and validated: the Flow (when it parses) and the diagnostics. */
  checked: Checked;
}

const EditorContext = createContext<EditorValue | null>(null);

export function EditorProvider({ initial, children }: { initial: DraftFlow; children: ReactNode }) {
  const [state, dispatch] = useReducer(editorReducer, initial, initialState);
  const { resources } = useResources();
  const last = useRef<CheckedDraft>(undefined);
  const checked = useMemo(() => {
    const result = recheckDraft(last.current, state.flow, resources);
    last.current = { draft: state.flow, resources, checked: result };
    return result;
  }, [state.flow, resources]);
  const value = useMemo(() => ({ state, dispatch, checked }), [state, checked]);
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}

/** The editor store. Throws outside an EditorProvider. */
export function useEditor(): EditorValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor() needs an <EditorProvider> above it');
  return value;
}
