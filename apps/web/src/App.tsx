import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useId, useState } from 'react';
import { Dashboard } from './admin/Dashboard.js';
import { conferenceSpec, extensionSpec, queueSpec, trunkSpec } from './admin/pages.js';
import { PromptsPage } from './admin/PromptsPage.js';
import { ResourcePage } from './admin/ResourcePage.js';
import { RoutesPage } from './admin/routes.js';
import { ResourcesProvider, useResources } from './api/resources.js';
import { Canvas } from './editor/Canvas.js';
import { Diagnostics } from './editor/Diagnostics.js';
import { emptyFlow, type DraftFlow } from './editor/draft.js';
import { Inspector } from './editor/Inspector.js';
import { Palette } from './editor/Palette.js';
import { PublishPanel } from './editor/PublishPanel.js';
import { EditorProvider } from './editor/store.js';
import { Toolbar } from './editor/Toolbar.js';
import { Header } from './Header.js';
import { I18nProvider, useI18n, type TextKey, type UiLanguage } from './i18n.js';
import { SimulatorPanel } from './simulator/SimulatorPanel.js';
import { SimulatorProvider } from './simulator/store.js';

const VIEWS = [
  ['editor', 'navEditor'],
  ['dashboard', 'navDashboard'],
  ['extensions', 'navExtensions'],
  ['trunks', 'navTrunks'],
  ['routes', 'navRoutes'],
  ['queues', 'navQueues'],
  ['conferences', 'navConferences'],
  ['prompts', 'navPrompts'],
] as const satisfies readonly (readonly [string, TextKey])[];
type View = (typeof VIEWS)[number][0];

function Shell({ initial }: { initial: DraftFlow }) {
  const { t, language, setLanguage } = useI18n();
  const langId = useId();
  const [view, setView] = useState<View>('editor');
  const { refresh } = useResources();
  // Back in the editor, the pickers and checks see what the admin pages changed.
  useEffect(() => {
    if (view === 'editor') void refresh();
  }, [view, refresh]);
  return (
    <div className="app">
      <nav className="nav" aria-label={t('navigation')}>
        <h1>{t('appTitle')}</h1>
        {VIEWS.map(([id, label]) => (
          <button key={id} type="button" aria-current={view === id ? 'page' : undefined} onClick={() => setView(id)}>
            {t(label)}
          </button>
        ))}
        <span className="spacer" />
        <label htmlFor={langId}>{t('language')}</label>
        <select id={langId} value={language} onChange={(e) => setLanguage(e.target.value as UiLanguage)}>
          <option value="de">Deutsch</option>
          <option value="en">English</option>
        </select>
      </nav>
      {/* The editor stays mounted (hidden) so switching pages keeps the draft, undo and the simulation. */}
      <div className="editor-view" hidden={view !== 'editor'}>
        <ReactFlowProvider>
          <EditorProvider initial={initial}>
            <SimulatorProvider>
              <Header />
              <Toolbar />
              <main className="workspace">
                <Palette />
                <Canvas />
                <aside className="side">
                  <Inspector />
                  <Diagnostics />
                  <PublishPanel />
                </aside>
                <SimulatorPanel />
              </main>
            </SimulatorProvider>
          </EditorProvider>
        </ReactFlowProvider>
      </div>
      {view !== 'editor' && (
        <main className="admin">
          {view === 'dashboard' && <Dashboard />}
          {view === 'extensions' && <ResourcePage spec={extensionSpec} />}
          {view === 'trunks' && <ResourcePage spec={trunkSpec} />}
          {view === 'routes' && <RoutesPage />}
          {view === 'queues' && <ResourcePage spec={queueSpec} />}
          {view === 'conferences' && <ResourcePage spec={conferenceSpec} />}
          {view === 'prompts' && <PromptsPage />}
        </main>
      )}
    </div>
  );
}

/** The app: a nav over the flow editor and the admin pages. */
export function App({ initial = emptyFlow() }: { initial?: DraftFlow }) {
  return (
    <I18nProvider>
      <ResourcesProvider>
        <Shell initial={initial} />
      </ResourcesProvider>
    </I18nProvider>
  );
}
