import { useReactFlow } from '@xyflow/react';
import { nodeOutputs } from '@stumpfworks/flow';
import { useDispatch, useEditorState } from '../editor/store.js';
import { useI18n } from '../i18n.js';
import { useSimulator } from './store.js';

/** Paths listed at most; the rest is counted. */
const LISTED = 30;

/**
 * The coverage view: the paths tried in this session (by hand and by "try all paths"), and the
 * nodes and outputs no path reached, which are also marked on the canvas while the view is open.
 */
export function CoveragePanel() {
  const { t, pick } = useI18n();
  const nodes = useEditorState((s) => s.flow.nodes);
  const dispatch = useDispatch();
  const { coverage: view } = useSimulator();
  const canvas = useReactFlow();
  const { coverage, tried, allPaths } = view;
  const select = (nodeId: string) => {
    dispatch({ type: 'select', nodeId });
    void canvas.fitView({ nodes: [{ id: nodeId }], duration: 200, maxZoom: 1.2 });
  };
  const outputLabel = (nodeId: string, output: string) => {
    const node = nodes.find((n) => n.id === nodeId);
    const described = node ? nodeOutputs(node).find((o) => o.name === output) : undefined;
    return described ? pick(described.label) : output;
  };
  // By hand first (they are few), then the enumerated ones.
  const listed = [...tried.filter((p) => p.via === 'caller'), ...tried.filter((p) => p.via === 'all')].slice(0, LISTED);
  return (
    <section className="coverage" aria-label={t('coverage')}>
      <button type="button" aria-expanded={view.open} onClick={() => view.setOpen(!view.open)}>
        {view.open ? t('coverageHide') : t('coverageShow')}
      </button>
      {view.open && (
        <div data-testid="coverage">
          <p className="coverage-summary" data-testid="coverage-summary">
            {t('coverageNodes')}: <strong>{coverage.nodes.reached}/{coverage.nodes.total}</strong> · {t('coverageOutputs')}:{' '}
            <strong>{coverage.edges.reached}/{coverage.edges.total}</strong>
          </p>
          <div className="sim-row">
            <button type="button" onClick={view.tryAll} disabled={allPaths?.running === true}>
              {t('tryAllPaths')}
            </button>
            <button type="button" onClick={view.clear} disabled={tried.length === 0}>
              {t('coverageClear')}
            </button>
          </div>
          {allPaths?.running === true && <p role="status">{t('tryingAllPaths')}</p>}
          {allPaths?.running === false && 'error' in allPaths && (
            <p className="error" role="alert">
              {allPaths.error}
            </p>
          )}
          {allPaths?.running === false && 'count' in allPaths && (
            <p role="status" data-testid="all-paths-result">
              {t('allPathsDone').replace('{n}', String(allPaths.count)).replace('{at}', `${allPaths.at.replace('T', ' ')} ${allPaths.zone}`)}
              {allPaths.truncated > 0 && <span className="hint"> ({t('allPathsCut').replace('{n}', String(allPaths.truncated))})</span>}
            </p>
          )}
          <p className="hint">{t('coverageHint')}</p>

          <h3>
            {t('unreachedNodes')} ({coverage.nodes.unreached.length})
          </h3>
          {coverage.nodes.unreached.length === 0 ? (
            <p className="ok">{t('allReached')}</p>
          ) : (
            <ul className="unreached-list" data-testid="unreached-nodes">
              {coverage.nodes.unreached.map((id) => (
                <li key={id}>
                  <button type="button" onClick={() => select(id)}>
                    {id}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <h3>
            {t('unreachedOutputs')} ({coverage.edges.unreached.length})
          </h3>
          {coverage.edges.unreached.length === 0 ? (
            <p className="ok">{t('allReached')}</p>
          ) : (
            <ul className="unreached-list" data-testid="unreached-outputs">
              {coverage.edges.unreached.map((e) => (
                <li key={`${e.from}:${e.output}`}>
                  <button type="button" onClick={() => select(e.from)}>
                    {e.from} → {outputLabel(e.from, e.output)} → {e.to}
                  </button>
                </li>
              ))}
            </ul>
          )}

          <h3>
            {t('pathsTried')} ({tried.length})
          </h3>
          {tried.length === 0 ? (
            <p className="hint">{t('noPathsYet')}</p>
          ) : (
            <ol className="paths-tried" data-testid="paths-tried">
              {listed.map((p) => (
                <li key={`${p.at}|${p.tokens.join(',')}`} className={`via-${p.via}`}>
                  <code>{p.tokens.join(', ') || '—'}</code> → {p.end ? pick(p.end) : t('stillWaiting')}
                </li>
              ))}
              {tried.length > LISTED && <li className="hint">{t('pathsMore').replace('{n}', String(tried.length - LISTED))}</li>}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
