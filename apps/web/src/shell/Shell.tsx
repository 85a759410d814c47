import { useId, useMemo, useState } from 'react';
import { NavLink, Outlet, useMatch } from 'react-router';
import type { DraftFlow } from '../editor/draft.js';
import { useI18n, type UiLanguage } from '../i18n.js';
import { EditorView } from './EditorView.js';
import { EditorRouteContext, flowPath, NEW_FLOW, type EditorRoute } from './flow-url.js';
import { ADMIN_PAGES } from './pages.js';

/**
 * The app's layout route: the nav, the editor (always mounted, shown at `/flows/:flowId`) and the
 * admin page of the URL.
 */
export function Shell({ initial }: { initial: DraftFlow }) {
  const { t, language, setLanguage } = useI18n();
  const langId = useId();
  const match = useMatch('/flows/:flowId');
  const urlFlowId = match?.params.flowId;
  const [flowId, setFlowId] = useState(urlFlowId ?? NEW_FLOW);
  if (urlFlowId !== undefined && urlFlowId !== flowId) setFlowId(urlFlowId);
  const visible = urlFlowId !== undefined;
  const route = useMemo<EditorRoute>(() => ({ flowId, visible }), [flowId, visible]);
  return (
    <EditorRouteContext.Provider value={route}>
      <div className="app">
        <nav className="nav" aria-label={t('navigation')}>
          <h1>{t('appTitle')}</h1>
          <NavLink to={flowPath(flowId)}>
            {t('navEditor')}
          </NavLink>
          {ADMIN_PAGES.map((p) => (
            <NavLink key={p.path} to={`/${p.path}`}>
              {t(p.label)}
            </NavLink>
          ))}
          <span className="spacer" />
          <label htmlFor={langId}>{t('language')}</label>
          <select id={langId} value={language} onChange={(e) => setLanguage(e.target.value as UiLanguage)}>
            <option value="de">Deutsch</option>
            <option value="en">English</option>
          </select>
        </nav>
        <EditorView initial={initial} hidden={!visible} />
        {!visible && (
          <main className="admin">
            <Outlet />
          </main>
        )}
      </div>
    </EditorRouteContext.Provider>
  );
}
