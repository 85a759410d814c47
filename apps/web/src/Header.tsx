import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { listKey } from './api/query.js';
import { reasonOf, useApi } from './api/useApi.js';
import { useEditor } from './editor/store.js';
import { useI18n } from './i18n.js';
import { flowPath, useEditorRoute } from './shell/flow-url.js';
import { loadFlow } from './shell/load-flow.js';

/** Flow name, load and save over the server's API. */
export function Header() {
  const { t } = useI18n();
  const { state, dispatch } = useEditor();
  const ids = { name: useId(), flows: useId() };
  const [listing, setListing] = useState(false);
  const [status, setStatus] = useState<string>();
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const route = useEditorRoute();
  // Asked for only once "Load…" was clicked (it may ask for the token); fresh on every click.
  const flows = api.query.useQuery('get', '/flows', undefined, { enabled: listing });
  const guard = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      setStatus(reasonOf(error));
    }
  };
  const list = () => {
    setStatus(undefined);
    if (listing) void flows.refetch();
    else setListing(true);
  };
  const open = (id: string) =>
    guard(async () => {
      // Loaded before the URL changes: the flow is (re)loaded even when the URL names it already.
      dispatch({ type: 'load', flow: await loadFlow(api, queryClient, id) });
      setStatus(undefined);
      if (route.flowId !== id) await navigate(flowPath(id));
    });
  const save = () =>
    guard(async () => {
      await api.client.POST('/flows/import', { body: { ...state.flow } });
      setStatus(t('saved'));
      await queryClient.invalidateQueries({ queryKey: listKey('/flows') });
      // The URL names the flow that was saved (a new flow's URL becomes its own).
      if (route.flowId !== state.flow.id) await navigate(flowPath(state.flow.id), { replace: true });
    });
  const error = flows.isError ? reasonOf(flows.error) : undefined;
  return (
    <header className="header">
      <label htmlFor={ids.name}>{t('flowName')}</label>
      <input id={ids.name} value={state.flow.name} onChange={(e) => dispatch({ type: 'renameFlow', name: e.target.value })} />
      <button type="button" onClick={() => dispatch({ type: 'load', flow: { ...state.flow, nodes: [], edges: [] } })}>
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
          <select id={ids.flows} defaultValue="" onChange={(e) => e.target.value && void open(e.target.value)}>
            <option value="">{t('flows')}…</option>
            {flows.data.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} ({f.id})
              </option>
            ))}
          </select>
        </>
      )}
      <button type="button" onClick={() => void save()}>
        {t('save')}
      </button>
      {(status ?? error) && <span role="status">{status ?? error}</span>}
    </header>
  );
}
