import { useReactFlow } from '@xyflow/react';
import { useI18n } from '../i18n.js';
import { useChecked, useDispatch } from './store.js';

/** The validation diagnostics as a list; a click selects the node and brings it into view. */
export function Diagnostics() {
  const { t, pick } = useI18n();
  const checked = useChecked();
  const dispatch = useDispatch();
  const flow = useReactFlow();
  const select = (nodeId: string) => {
    dispatch({ type: 'select', nodeId });
    void flow.fitView({ nodes: [{ id: nodeId }], duration: 200, maxZoom: 1.2 });
  };
  return (
    <section className="diagnostics" aria-label={t('diagnostics')}>
      <h2>
        {t('diagnostics')} ({checked.diagnostics.length})
      </h2>
      {checked.diagnostics.length === 0 ? (
        <p className="ok">{t('noDiagnostics')}</p>
      ) : (
        <ul data-testid="diagnostics-list">
          {checked.diagnostics.map((d, i) => (
            <li key={`${d.code}-${d.nodeId}-${d.output}-${i}`} className={d.severity} data-code={d.code}>
              {d.nodeId ? (
                <button type="button" onClick={() => select(d.nodeId!)}>
                  <strong>{d.nodeId}</strong>
                  {d.output ? ` (${d.output})` : ''}: {pick(d.message)}
                </button>
              ) : (
                <span>{pick(d.message)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
