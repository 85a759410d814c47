import { useId, useMemo, useState } from 'react';
import { NavLink, Outlet, useMatch } from 'react-router';
import type { Api } from '../api/client.js';
import { roleAllows, useSession } from '../api/session.js';
import { useApi } from '../api/useApi.js';
import { NotAllowed } from '../auth/NotAllowed.js';
import { ROLE_TEXT } from '../auth/roles.js';
import type { DraftFlow } from '../editor/draft.js';
import { useI18n, type UiLanguage } from '../i18n.js';
import { EditorView } from './EditorView.js';
import { EditorRouteContext, flowPath, NEW_FLOW, type EditorRoute } from './flow-url.js';
import { ADMIN_PAGES } from './pages.js';

/** Ends the session on the server, then loads the app afresh: nothing of this user's data stays in memory. */
async function logOut(api: Api): Promise<void> {
  try {
    await api.client.DELETE('/auth/session');
  } finally {
    window.location.assign('/');
  }
}

/**
 * The app's layout route: the nav, the editor (always mounted, shown at `/flows/:flowId`) and the
 * admin page of the URL.
 */
export function Shell({ initial }: { initial: DraftFlow }) {
  const { t, language, setLanguage } = useI18n();
  const api = useApi();
  const session = useSession();
  const role = typeof session === 'object' ? session.role : 'operator';
  const canEdit = roleAllows(role, 'editor');
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
          {canEdit && <NavLink to={flowPath(flowId)}>{t('navEditor')}</NavLink>}
          {ADMIN_PAGES.filter((p) => roleAllows(role, p.role)).map((p) => (
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
          {typeof session === 'object' && (
            <span className="who" data-testid="signed-in">
              {t('signedInAs').replace('{name}', session.name).replace('{role}', t(ROLE_TEXT[session.role]))}
            </span>
          )}
          <button type="button" onClick={() => void logOut(api)}>
            {t('logout')}
          </button>
        </nav>
        {/* The editor loads flows and the server's lists: only for a role that may edit them. */}
        {canEdit ? <EditorView initial={initial} hidden={!visible} /> : visible && <NotAllowed />}
        {!visible && (
          <main className="admin">
            <Outlet />
          </main>
        )}
      </div>
    </EditorRouteContext.Provider>
  );
}
