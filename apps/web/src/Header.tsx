import { useId, useState } from 'react';
import type { FlowSummary } from './api/client.js';
import { useResources } from './api/resources.js';
import { useApi } from './api/useApi.js';
import type { DraftFlow } from './editor/draft.js';
import { useEditor } from './editor/store.js';
import { useI18n } from './i18n.js';

/** Flow name, load and save over the server's API. */
export function Header() {
  const { t } = useI18n();
  const { state, dispatch } = useEditor();
  const ids = { name: useId(), flows: useId() };
  const [flows, setFlows] = useState<FlowSummary[]>();
  const [status, setStatus] = useState<string>();
  const api = useApi();
  const { refresh } = useResources();
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
      const detail = await api.get<{ draft: DraftFlow }>(`/flows/${encodeURIComponent(id)}`);
      dispatch({ type: 'load', flow: detail.draft });
      setStatus(undefined);
      await refresh();
    });
  const save = () =>
    guard(async () => {
      await api.send('POST', '/flows/import', state.flow);
      setStatus(t('saved'));
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
