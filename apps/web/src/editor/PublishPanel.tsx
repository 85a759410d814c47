import { useCallback, useEffect, useState } from 'react';
import { ApiError, storedToken, type FlowVersion, type PublishResult } from '../api/client.js';
import { useResources } from '../api/resources.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { flowChanges, isUnchanged, type FlowChanges } from './changes.js';
import type { DraftFlow } from './draft.js';
import { useEditor } from './store.js';

interface PublishRecord {
  outcome: string;
  flowVersions: Record<string, number>;
}

/** The state of the confirmation dialog. */
type Step =
  | { kind: 'closed' }
  | { kind: 'confirm'; changes: FlowChanges; nextVersion: number }
  | { kind: 'working' }
  | { kind: 'done'; version: number; result: PublishResult }
  | { kind: 'refused'; version?: number; status: number; reason: string; issues: string[] };

/**
 * "Veröffentlichen": a confirmation that shows the validation state and what changes against the
 * published version, then save draft -> freeze version -> POST /publish, and the result or the
 * server's reason. Below it, the version history with rollback and which version is live.
 */
export function PublishPanel() {
  const { t, pick } = useI18n();
  const { state, checked } = useEditor();
  const api = useApi();
  const { refresh: refreshResources } = useResources();
  const flowId = state.flow.id;
  const [versions, setVersions] = useState<FlowVersion[]>();
  const [live, setLive] = useState<number | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const [error, setError] = useState<string>();

  const refresh = useCallback(async () => {
    try {
      const list = await api.get<FlowVersion[]>(`/flows/${encodeURIComponent(flowId)}/versions`);
      setVersions(list);
      const publishes = await api.get<PublishRecord[]>('/publishes');
      const applied = publishes.find((p) => p.outcome === 'applied' || p.outcome === 'unchanged');
      setLive(applied?.flowVersions[flowId] ?? null);
      setError(undefined);
    } catch (e) {
      setVersions(undefined);
      // A flow that was never saved has no history yet: that is not an error.
      if (!(e instanceof ApiError && e.status === 404)) setError(reasonOf(e));
    }
  }, [api, flowId]);

  useEffect(() => {
    // Never ask for the token just to show the history: only once the admin has given it.
    if (storedToken()) void refresh();
  }, [refresh]);

  const errors = checked.diagnostics.filter((d) => d.severity === 'error');

  const open = async () => {
    setError(undefined);
    try {
      await refreshResources();
      const list = await api.get<FlowVersion[]>(`/flows/${encodeURIComponent(flowId)}/versions`).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return [] as FlowVersion[];
        throw e;
      });
      setVersions(list);
      const published = list.find((v) => v.published);
      const before = published ? await api.get<DraftFlow>(`/flows/${encodeURIComponent(flowId)}/versions/${published.version}`) : undefined;
      setStep({ kind: 'confirm', changes: flowChanges(before, state.flow), nextVersion: (list[0]?.version ?? 0) + 1 });
    } catch (e) {
      setError(reasonOf(e));
    }
  };

  const confirm = async () => {
    setStep({ kind: 'working' });
    let version: number | undefined;
    try {
      await api.send('POST', '/flows/import', state.flow);
      version = (await api.send<FlowVersion>('POST', `/flows/${encodeURIComponent(flowId)}/versions`)).version;
      const result = await api.send<PublishResult>('POST', '/publish');
      setStep({ kind: 'done', version, result });
    } catch (e) {
      // A refused flow comes with its diagnostics (both languages); other 422s with field issues.
      const diagnostics = e instanceof ApiError ? (e.details.diagnostics as { nodeId?: string; message: { de: string; en: string } }[] | undefined) : undefined;
      const issues = diagnostics?.length
        ? diagnostics.map((d) => `${d.nodeId ? `${d.nodeId}: ` : ''}${pick(d.message)}`)
        : e instanceof ApiError
          ? e.issues.map((i) => `${i.path}: ${i.message}`)
          : [];
      setStep({ kind: 'refused', ...(version !== undefined ? { version } : {}), status: e instanceof ApiError ? e.status : 0, reason: reasonOf(e), issues });
    }
    await refresh();
  };

  const rollback = async (target: number) => {
    if (!window.confirm(t('rollbackConfirm').replace('{v}', String(target)))) return;
    try {
      await api.send('POST', `/flows/${encodeURIComponent(flowId)}/rollback`, { version: target });
      await refresh();
    } catch (e) {
      setError(reasonOf(e));
    }
  };

  return (
    <section className="publishing" aria-label={t('versions')}>
      <h2>{t('versions')}</h2>
      <button type="button" className="primary" onClick={() => void open()}>
        {t('publish')}…
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {versions && versions.length > 0 ? (
        <ul className="versions" data-testid="versions">
          {versions.map((v) => (
            <li key={v.version} data-version={v.version}>
              <strong>v{v.version}</strong> {new Date(v.createdAt).toLocaleString()} {v.createdBy}
              {v.rollbackOf !== null && <span className="hint"> ({t('rollbackOf')} v{v.rollbackOf})</span>}
              {v.published && <span className="badge">{t('released')}</span>}
              {live === v.version && <span className="badge live">{t('live')}</span>}
              {!v.published && (
                <button type="button" onClick={() => void rollback(v.version)}>
                  {t('rollbackTo')} v{v.version}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('noVersions')}</p>
      )}

      {step.kind !== 'closed' && (
        <div className="modal-backdrop">
          <div className="modal" role="dialog" aria-modal="true" aria-label={t('publishTitle')}>
            <h2>{t('publishTitle')}</h2>
            {step.kind === 'confirm' && (
              <>
                <p>
                  {t('publishWhat')
                    .replace('{flow}', `${state.flow.name} (${flowId})`)
                    .replace('{v}', String(step.nextVersion))}
                </p>
                {errors.length > 0 ? (
                  <div className="error" role="alert" data-testid="publish-blocked">
                    <p>{t('publishBlocked').replace('{n}', String(errors.length))}</p>
                    <ul>
                      {errors.map((d, i) => (
                        <li key={i}>
                          {d.nodeId ? `${d.nodeId}: ` : ''}
                          {pick(d.message)}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : (
                  <p className="ok">{t('noDiagnostics')}</p>
                )}
                <h3>{t('changes')}</h3>
                <ChangeList changes={step.changes} />
                <p className="hint">{t('publishHow')}</p>
                <div className="modal-buttons">
                  <button type="button" className="primary" disabled={errors.length > 0} onClick={() => void confirm()}>
                    {t('publishNow')}
                  </button>
                  <button type="button" onClick={() => setStep({ kind: 'closed' })}>
                    {t('cancel')}
                  </button>
                </div>
              </>
            )}
            {step.kind === 'working' && <p role="status">{t('publishing')}</p>}
            {step.kind === 'done' && (
              <div role="status" data-testid="publish-result">
                <p className="ok">
                  {t(step.result.outcome === 'applied' ? 'publishApplied' : 'publishUnchanged').replace('{v}', String(step.version))}
                </p>
                {Object.entries(step.result.diff).map(([file, diff]) => (
                  <details key={file}>
                    <summary>{file}</summary>
                    <pre className="diff">{diff}</pre>
                  </details>
                ))}
              </div>
            )}
            {step.kind === 'refused' && (
              <div role="alert" className="refused" data-testid="publish-refused">
                <p>
                  <strong>{t('publishRefused')}</strong> {step.reason}
                </p>
                {step.issues.length > 0 && (
                  <ul>
                    {step.issues.map((i) => (
                      <li key={i}>{i}</li>
                    ))}
                  </ul>
                )}
                <p className="hint">
                  {step.version !== undefined ? t('refusedAfterFreeze').replace('{v}', String(step.version)) : t('refusedNothing')}
                </p>
              </div>
            )}
            {(step.kind === 'done' || step.kind === 'refused') && (
              <div className="modal-buttons">
                <button type="button" onClick={() => setStep({ kind: 'closed' })}>
                  {t('close')}
                </button>
              </div>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function ChangeList({ changes }: { changes: FlowChanges }) {
  const { t } = useI18n();
  if (isUnchanged(changes)) return <p data-testid="changes">{t('noChanges')}</p>;
  const rows: [string, string[]][] = [
    [t('nodesAdded'), changes.added],
    [t('nodesRemoved'), changes.removed],
    [t('nodesChanged'), changes.changed],
  ];
  return (
    <ul data-testid="changes">
      {rows
        .filter(([, ids]) => ids.length > 0)
        .map(([label, ids]) => (
          <li key={label}>
            {label}: {ids.join(', ')}
          </li>
        ))}
      {changes.edgesAdded + changes.edgesRemoved > 0 && (
        <li>
          {t('edgesChanged')}: +{changes.edgesAdded} / −{changes.edgesRemoved}
        </li>
      )}
    </ul>
  );
}
