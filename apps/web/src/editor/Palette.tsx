import type { DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useI18n } from '../i18n.js';
import { paletteItems } from './palette.js';
import { useDispatch, useEditorStore } from './store.js';

/** The drag data type for palette items. */
export const PALETTE_MIME = 'application/x-stumpfworks-node';

/** Every node type of the catalogue: drag it onto the canvas, or press its "add" button. */
export function Palette() {
  const { t, pick } = useI18n();
  const store = useEditorStore();
  const dispatch = useDispatch();
  const flow = useReactFlow();
  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(PALETTE_MIME, type);
    event.dataTransfer.effectAllowed = 'move';
  };
  const add = (type: string) => {
    // Keyboard users: the node goes below the last one, in view.
    const last = store.getState().editor.flow.nodes.at(-1)?.position;
    const position = last ? { x: last.x, y: last.y + 140 } : { x: 0, y: 0 };
    dispatch({ type: 'addNode', nodeType: type, position });
    // After React Flow has measured the new node.
    setTimeout(() => void flow.fitView({ duration: 200, padding: 0.15, maxZoom: 1 }), 50);
  };
  return (
    <nav className="palette" aria-label={t('palette')}>
      <h2>{t('palette')}</h2>
      <ul>
        {paletteItems().map((d) => (
          <li key={d.type} className={`palette-item cat-${d.category}`} draggable onDragStart={(e) => onDragStart(e, d.type)} data-type={d.type} title={pick(d.description)}>
            <span className="palette-label">{pick(d.label)}</span>
            <button type="button" onClick={() => add(d.type)} aria-label={`${pick(d.label)} ${t('add')}`}>
              +
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
