import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './editor/Canvas.js';
import { Diagnostics } from './editor/Diagnostics.js';
import { emptyFlow, type DraftFlow } from './editor/draft.js';
import { Inspector } from './editor/Inspector.js';
import { Palette } from './editor/Palette.js';
import { EditorProvider } from './editor/store.js';
import { Toolbar } from './editor/Toolbar.js';
import { Header } from './Header.js';
import { I18nProvider } from './i18n.js';
import { SimulatorPanel } from './simulator/SimulatorPanel.js';
import { SimulatorProvider } from './simulator/store.js';

/** The editor screen: palette, canvas, inspector and problems, simulator. */
export function App({ initial = emptyFlow() }: { initial?: DraftFlow }) {
  return (
    <I18nProvider>
      <ReactFlowProvider>
        <EditorProvider initial={initial}>
          <SimulatorProvider>
            <div className="app">
              <Header />
              <Toolbar />
              <main className="workspace">
                <Palette />
                <Canvas />
                <aside className="side">
                  <Inspector />
                  <Diagnostics />
                </aside>
                <SimulatorPanel />
              </main>
            </div>
          </SimulatorProvider>
        </EditorProvider>
      </ReactFlowProvider>
    </I18nProvider>
  );
}
