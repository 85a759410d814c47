import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from '../editor/Canvas.js';
import { Diagnostics } from '../editor/Diagnostics.js';
import type { DraftFlow } from '../editor/draft.js';
import { Inspector } from '../editor/Inspector.js';
import { Palette } from '../editor/Palette.js';
import { PublishPanel } from '../editor/PublishPanel.js';
import { EditorProvider } from '../editor/store.js';
import { Toolbar } from '../editor/Toolbar.js';
import { Header } from '../Header.js';
import { SimulatorPanel } from '../simulator/SimulatorPanel.js';
import { SimulatorProvider } from '../simulator/store.js';
import { FlowSession } from '../editor/FlowSession.js';
import { TrafficProvider } from '../traffic/store.js';

/** The editor with its simulator: mounted once, hidden (not unmounted) while an admin page shows. */
export function EditorView({ initial, hidden }: { initial: DraftFlow; hidden: boolean }) {
  return (
    <div className="editor-view" hidden={hidden}>
      <ReactFlowProvider>
        <EditorProvider initial={initial}>
          <FlowSession />
          <SimulatorProvider>
            <TrafficProvider>
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
            </TrafficProvider>
          </SimulatorProvider>
        </EditorProvider>
      </ReactFlowProvider>
    </div>
  );
}
