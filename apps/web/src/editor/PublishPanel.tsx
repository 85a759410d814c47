import { useCallback, useEffect, useState } from 'react';
import { ApiError, type FlowVersion } from '../api/client.js';
import { currentSession } from '../api/session.js';
import { useResources } from '../api/resources.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { flowChanges } from './changes.js';
import type { DraftFlow } from './draft.js';
import { isDirty } from './editor-store.js';
import { publishFlow as publishOnServer, readFlow } from './flow-api.js';
import { PublishDialog, type PreviewState, type PublishStep, type Refusal } from './PublishDialog.js';
import { useSaveFlow } from './save-flow.js';
import { useChecked, useEditorState, useEditorStore, useSession } from './store.js';

/** The server's reason for a refusal: its message, and the diagnostics (both languages) or field issues. */
function refusalOf(e: unknown, pick: (text: { de: string; en: string }) => string): Refusal {
  const diagnostics = e instanceof ApiError ? (e.details.diagnostics as { nodeId?: string; flowId?: string; diagnostics?: { nodeId?: string; message: { de: string; en: string } }[]; message?: { de: string; en: string } }[] | undefined) : undefined;
  // A flow's own diagnostics are flat; those of a configuration set are grouped per flow.
  const flat = diagnostics?.flatMap((d) => (d.diagnostics ? d.diagnostics.map((x) => ({ ...x, nodeId: `${d.flowId}/${x.nodeId ?? ''}` })) : d.message ? [{ nodeId: d.nodeId, message: d.message }] : []));
  const issues = flat?.length
    ? flat.map((d) => `${d.nodeId ? `${d.nodeId}: ` : ''}${pick(d.message)}`)
    : e instanceof ApiError
      ? e.issues.map((i) => `${i.path}: ${i.message}`)
      : [];
  const refusedVersion = e instanceof ApiError && typeof e.details.refusedVersion === 'number' ? e.details.refusedVersion : undefined;
  return { status: e instanceof ApiError ? e.status : 0, reason: reasonOf(e), issues, ...(refusedVersion !== undefined ? { refusedVersion } : {}) };
}

/**
 * "Veröffentlichen": a confirmation with the validation state, the flow's changes against the
 * released version and the server's dry run (the generated files that change, with their diff);
 * then one atomic publish of the flow, and the result or the server's reason. Below it, the version
 * history with rollback (itself an atomic publish) and which version is live.
 */
export function PublishPanel() {
  const { t, pick, language } = useI18n();
  const store = useEditorStore();
  const draft = useEditorState((s) => s.flow);
  const checked = useChecked();
  // A flow never saved has no history: its id may still change with every letter of its name.
  const isNew = useSession().revision === null;
  const save = useSaveFlow();
  const api = useApi();
  const { refresh: refreshResources } = useResources();
  const flowId = draft.id;
  const [versions, setVersions] = useState<FlowVersion[]>();
  const [live, setLive] = useState<number | null>(null);
  const [step, setStep] = useState<PublishStep>({ kind: 'closed' });
  const [error, setError] = useState<string>();

  const refresh = useCallback(async () => {
    try {
      const list = (await api.client.GET('/flows/{id}/versions', { params: { path: { id: flowId } } })).data ?? [];
      setVersions(list);
      const publishes = (await api.client.GET('/publishes')).data ?? [];
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
    // The history only when logged in (the editor works offline too).
    if (isNew) setVersions(undefined);
    else if (typeof currentSession() === 'object') void refresh();
  }, [refresh, isNew]);

  const errors = checked.diagnostics.filter((d) => d.severity === 'error');

  const open = async () => {
    setError(undefined);
    try {
      await refreshResources();
      const list = await api.client.GET('/flows/{id}/versions', { params: { path: { id: flowId } } }).then(({ data }) => data ?? [], (e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return [] as FlowVersion[];
        throw e;
      });
      setVersions(list);
      const published = list.find((v) => v.published);
      // The spec leaves the flow document open; a version is a flow document as the editor holds it.
      const before = published ? ((await api.client.GET('/flows/{id}/versions/{version}', { params: { path: { id: flowId, version: published.version } } })).data as unknown as DraftFlow) : undefined;
      setStep({ kind: 'confirm', changes: flowChanges(before, draft), nextVersion: (list[0]?.version ?? 0) + 1 });
    } catch (e) {
      setError(reasonOf(e));
    }
  };

  // The server's dry run of the whole configuration with this draft, once the draft has no errors
  // (the checks see the server's lists only after open() reloaded them).
  const wantsPreview = step.kind === 'confirm' && step.preview === undefined && errors.length === 0;
  useEffect(() => {
    if (!wantsPreview) return;
    setStep((s) => (s.kind === 'confirm' ? { ...s, preview: { state: 'loading' } } : s));
    const withPreview = (preview: PreviewState) => setStep((s) => (s.kind === 'confirm' ? { ...s, preview } : s));
    api.client.POST('/publish/preview', { body: { flows: [{ ...draft }] } }).then(
      ({ data: preview }) => withPreview({ state: 'ok', ...preview! }),
      (e: unknown) => withPreview({ state: 'refused', ...refusalOf(e, pick) }),
    );
  }, [wantsPreview, api, draft, pick]);

  const publishFlow = async (rollbackTo?: number) => {
    setStep({ kind: 'working' });
    try {
      // The draft is saved first (only to this flow, only over the revision it was read at), and
      // published only while the server's draft is still that revision.
      const { revision } = rollbackTo === undefined ? await save() : { revision: store.getState().session.revision };
      const id = store.getState().editor.flow.id;
      const result = await publishOnServer(api, id, revision, rollbackTo);
      setStep({ kind: 'done', version: result.version.version, result: result.publish, ...(rollbackTo !== undefined ? { rollbackOf: rollbackTo } : {}) });
      // A rollback makes the old version the draft (a new revision): the editor shows what is live.
      if (rollbackTo !== undefined) {
        const stored = await readFlow(api, id);
        store.getState().open(stored.draft, stored.revision);
      }
    } catch (e) {
      setStep({ kind: 'refused', ...refusalOf(e, pick) });
    }
    await refresh();
  };

  const rollback = (target: number) => {
    // The rolled-back version becomes the draft the editor shows: unsaved changes would go with it.
    const question = t('rollbackConfirm').replace('{v}', String(target));
    if (window.confirm(isDirty(store.getState()) ? `${question}\n\n${t('rollbackDiscards')}` : question)) void publishFlow(target);
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
              <strong>v{v.version}</strong> {new Date(v.createdAt).toLocaleString(language)} {v.createdBy}
              {v.rollbackOf !== null && <span className="hint"> ({t('rollbackOf')} v{v.rollbackOf})</span>}
              {v.published && <span className="badge">{t('released')}</span>}
              {v.refused && <span className="badge refused-version">{t('refusedBadge')}</span>}
              {live === v.version && <span className="badge live">{t('live')}</span>}
              {!v.published && !v.refused && (
                <button type="button" onClick={() => rollback(v.version)}>
                  {t('rollbackTo')} v{v.version}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('noVersions')}</p>
      )}
      <PublishDialog step={step} flow={draft} errors={errors} onPublish={() => void publishFlow()} onClose={() => setStep({ kind: 'closed' })} />
    </section>
  );
}
