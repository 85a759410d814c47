import { useEffect, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { nodeOutputs } from '@stumpfworks/flow';
import { useI18n } from '../i18n.js';
import { fitOptions } from './Canvas.js';
import { layout } from './layout.js';
import { TrafficBar } from '../traffic/TrafficBar.js';
import { UNMEASURED_SIZE } from './overview.js';
import { useDispatch, useEditorState, useEditorStore } from './store.js';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Undo, redo, delete, copy, paste, auto-layout and zoom to fit, with their keyboard shortcuts; the traffic view's controls. */
export function Toolbar() {
  const { t } = useI18n();
  const store = useEditorStore();
  const dispatch = useDispatch();
  const canUndo = useEditorState((s) => s.past.length > 0);
  const canRedo = useEditorState((s) => s.future.length > 0);
  const selectedNodes = useEditorState((s) => s.selectedNodes.size);
  const nothingSelected = useEditorState((s) => s.selectedNodes.size === 0 && s.selectedEdges.size === 0);
  const canPaste = useEditorState((s) => !!s.clipboard);
  const empty = useEditorState((s) => s.flow.nodes.length === 0);
  const flow = useReactFlow();
  const [layoutError, setLayoutError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const autoLayout = async () => {
    setBusy(true);
    setLayoutError(undefined);
    try {
      const state = store.getState().editor;
      const positions = await layout({
        nodes: state.flow.nodes.map((n) => ({ id: n.id, ...(state.measured[n.id] ?? UNMEASURED_SIZE), outputs: nodeOutputs(n).map((o) => o.name) })),
        edges: state.flow.edges,
      });
      dispatch({ type: 'setPositions', positions }); // the canvas fits the view to them
    } catch (error) {
      setLayoutError((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const fit = () => void flow.fitView(fitOptions(store.getState().editor.flow.nodes.length));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z' && !e.shiftKey) dispatch({ type: 'undo' });
      else if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) dispatch({ type: 'redo' });
      else if (mod && key === 'c') dispatch({ type: 'copy' });
      else if (mod && key === 'v') dispatch({ type: 'paste' });
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) dispatch({ type: 'deleteSelected' });
      else if (!mod && key === 'f') fit();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="toolbar" role="toolbar" aria-label={t('editorToolbar')}>
      <button type="button" onClick={() => dispatch({ type: 'undo' })} disabled={!canUndo} title={`${t('ctrlKey')}+Z`}>
        ↶ {t('undo')}
      </button>
      <button type="button" onClick={() => dispatch({ type: 'redo' })} disabled={!canRedo} title={`${t('ctrlKey')}+Y`}>
        ↷ {t('redo')}
      </button>
      <button type="button" onClick={() => dispatch({ type: 'deleteSelected' })} disabled={nothingSelected} title={t('deleteKeys')}>
        {t('delete')}
      </button>
      <button type="button" onClick={() => dispatch({ type: 'copy' })} disabled={selectedNodes === 0} title={`${t('ctrlKey')}+C`}>
        {t('copy')}
      </button>
      <button type="button" onClick={() => dispatch({ type: 'paste' })} disabled={!canPaste} title={`${t('ctrlKey')}+V`}>
        {t('paste')}
      </button>
      <button type="button" onClick={() => void autoLayout()} disabled={busy || empty}>
        {t('layout')}
      </button>
      <button type="button" onClick={fit} title="F">
        {t('fit')}
      </button>
      <TrafficBar />
      {layoutError && (
        <span className="error" role="alert">
          {t('layoutFailed')}: {layoutError}
        </span>
      )}
    </div>
  );
}
