import { useEffect, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useResources } from '../api/resources.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { flowPath, NEW_FLOW as NEW_FLOW_URL } from '../shell/flow-url.js';
import { emptyFlow } from './draft.js';
import { readFlow } from './flow-api.js';
import { flowIdFor } from './flow-id.js';
import { dropLocalDraft, NEW_FLOW } from './local-drafts.js';
import { useSaveFlow } from './save-flow.js';
import { useDirty, useDispatch, useEditorState, useEditorStore, useSession } from './store.js';

/**
 * The open flow as a document: its name (and a new flow's id), whether it has unsaved changes,
 * "Neu", opening a stored flow, saving and discarding. Every flow has its own URL; saving writes
 * only the flow of the URL.
 */
export function FlowFile() {
  const { t, language } = useI18n();
  const store = useEditorStore();
  const dispatch = useDispatch();
  const name = useEditorState((s) => s.flow.name);
  const id = useEditorState((s) => s.flow.id);
  const session = useSession();
  const dirty = useDirty();
  const isNew = session.revision === null;
  const ids = { name: useId(), id: useId(), flows: useId() };
  const [listing, setListing] = useState(false);
  const [status, setStatus] = useState<string>();
  const api = useApi();
  const { resources, refresh } = useResources();
  const navigate = useNavigate();
  const save = useSaveFlow();
  // Asked for only once "Laden…" was clicked (it may ask for the token); fresh on every click.
  const flows = api.query.useQuery('get', '/flows', undefined, { enabled: listing });

  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${name} – StumpfWorks VoIP`;
  }, [dirty, name]);
  useEffect(() => {
    setStatus(session.restoredFrom ? t('restored').replace('{time}', new Date(session.restoredFrom).toLocaleString(language)) : undefined);
  }, [session.restoredFrom, t, language]);

  const guard = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      setStatus(reasonOf(error));
    }
  };
  const rename = (next: string) =>
    dispatch({ type: 'renameFlow', name: next, ...(session.idFollowsName ? { id: flowIdFor(next, resources?.flows ?? []) } : {}) });
  const startNew = () => {
    if (!isNew) return void navigate(flowPath(NEW_FLOW_URL)); // leaving a stored flow asks (FlowSession)
    if (dirty && !window.confirm(t('newDiscardConfirm').replace('{name}', name))) return;
    dropLocalDraft(localStorage, NEW_FLOW);
    store.getState().open(emptyFlow(flowIdFor(t('newFlowName'), resources?.flows ?? []), t('newFlowName')), null);
  };
  const list = () => {
    setStatus(undefined);
    if (listing) void flows.refetch();
    else setListing(true);
  };
  const listError = flows.isError ? reasonOf(flows.error) : undefined;
  const onSave = () =>
    guard(async () => {
      await save();
      setStatus(t('saved'));
      await refresh();
    });
  const discard = () =>
    guard(async () => {
      if (!window.confirm(t('discardConfirm').replace('{name}', name))) return;
      if (isNew) {
        dropLocalDraft(localStorage, NEW_FLOW);
        store.getState().open(emptyFlow(id, name), null);
        return;
      }
      const stored = await readFlow(api, id);
      dropLocalDraft(localStorage, id);
      store.getState().open(stored.draft, stored.revision);
      setStatus(undefined);
    });

  return (
    <header className="header">
      <label htmlFor={ids.name}>{t('flowName')}</label>
      <input id={ids.name} value={name} onChange={(e) => rename(e.target.value)} />
      {isNew && (
        <>
          <label htmlFor={ids.id}>{t('flowId')}</label>
          <input id={ids.id} className="flow-id" value={id} maxLength={32} title={t('flowIdHint')} onChange={(e) => store.getState().setNewFlowId(e.target.value)} />
        </>
      )}
      {!isNew && <code className="flow-id">{id}</code>}
      {dirty && (
        <span className="unsaved" data-testid="unsaved" title={t('unsavedTitle')}>
          ● {t('unsaved')}
        </span>
      )}
      <button type="button" onClick={startNew}>
        {t('newFlow')}
      </button>
      <button type="button" onClick={list}>
        {t('load')}…
      </button>
      {flows.data && (
        <>
          <label htmlFor={ids.flows} className="visually-hidden">
            {t('flows')}
          </label>
          <select id={ids.flows} value="" onChange={(e) => e.target.value && void navigate(flowPath(e.target.value))}>
            <option value="">{t('flows')}…</option>
            {flows.data.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} ({f.id})
              </option>
            ))}
          </select>
        </>
      )}
      <button type="button" onClick={() => void onSave()}>
        {t('save')}
      </button>
      {dirty && (
        <button type="button" onClick={() => void discard()}>
          {t('discard')}
        </button>
      )}
      {(status ?? listError) && <span role="status">{status ?? listError}</span>}
    </header>
  );
}
