import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import type { FlowSummary } from './api/client.js';
import { useResources } from './api/resources.js';
import { useApi } from './api/useApi.js';
import { useEditor } from './editor/store.js';
import { useI18n } from './i18n.js';
import { flowPath, useEditorRoute } from './shell/flow-url.js';
import { loadFlow } from './shell/load-flow.js';

/** Flow name, load and save over the server's API. */
export function Header() {
  const { t } = useI18n();
  const { state, dispatch } = useEditor();
  const ids = { name: useId(), flows: useId() };
  const [flows, setFlows] = useState<FlowSummary[]>();
  const [status, setStatus] = useState<string>();
  const api = useApi();
  const { refresh } = useResources();
  const navigate = useNavigate();
  const route = useEditorRoute();
  const guard = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      setStatus((error as Error).message);
    }
  };
  const list = () => guard(async () => setFlows(await api.get<FlowSummary[]>('/flows')));
  const open = (id: string) =>
    guard(async () => {
      // Loaded before the URL changes: the flow is (re)loaded even when the URL names it already.
      dispatch({ type: 'load', flow: await loadFlow(api, id) });
      setStatus(undefined);
      if (route.flowId !== id) await navigate(flowPath(id));
      await refresh();
    });
  const save = () =>
    guard(async () => {
      await api.send('POST', '/flows/import', state.flow);
      setStatus(t('saved'));
      // The URL names the flow that was saved (a new flow's URL becomes its own).
      if (route.flowId !== state.flow.id) await navigate(flowPath(state.flow.id), { replace: true });
      await refresh();
    });
  return (
    <header className="header">
      <label htmlFor={ids.name}>{t('flowName')}</label>
      <input id={ids.name} value={state.flow.name} onChange={(e) => dispatch({ type: 'renameFlow', name: e.target.value })} />
      <button type="button" onClick={() => dispatch({ type: 'load', flow: { ...state.flow, nodes: [], edges: [] } })}>
        {t('newFlow')}
      </button>
      <button type="button" onClick={() => void list()}>
        {t('load')}…
      </button>
      {flows && (
        <>
          <label htmlFor={ids.flows} className="visually-hidden">
            {t('flows')}
          </label>
          <select id={ids.flows} defaultValue="" onChange={(e) => e.target.value && void open(e.target.value)}>
            <option value="">{t('flows')}…</option>
            {flows.map((f) => (
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
      {status && <span role="status">{status}</span>}
    </header>
  );
}
