import { CURRENT_SCHEMA_VERSION, parseFlow, validateFlow, type Diagnostic, type Flow, type FlowEdge, type KnownResources } from '@stumpfworks/flow';

/** A node as the editor holds it: like a flow node, but its params may be half-edited and invalid. */
export interface DraftNode {
  id: string;
  type: string;
  label?: string;
  position?: { x: number; y: number };
  params: Record<string, unknown>;
}

/** The flow document being edited. It becomes a `Flow` once parseFlow accepts it. */
export interface DraftFlow {
  schemaVersion: typeof CURRENT_SCHEMA_VERSION;
  id: string;
  name: string;
  description?: string;
  deployment?: Flow['deployment'];
  nodes: DraftNode[];
  edges: FlowEdge[];
}

export function emptyFlow(id = 'neuer-ablauf', name = 'Neuer Ablauf'): DraftFlow {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, id, name, nodes: [], edges: [] };
}

/** A UI diagnostic: validation's own, or a schema problem turned into one. */
export type EditorDiagnostic = Omit<Diagnostic, 'code'> & { code: Diagnostic['code'] | 'schema' | 'empty' };

export interface Checked {
  flow?: Flow;
  diagnostics: EditorDiagnostic[];
}

const NODE_PATH = /^nodes\[\d+\] "([^"]+)"\.?(.*)$/;

/**
 * Parses and validates the draft. Schema problems (a param out of range, an empty list) become
 * diagnostics on their node, so the admin sees them where they are. With the server's lists,
 * references to unknown extensions, queues, rooms, flows and prompts are diagnostics too.
 */
export function checkDraft(draft: DraftFlow, resources: KnownResources = {}): Checked {
  if (draft.nodes.length === 0) {
    return {
      diagnostics: [
        { code: 'empty', severity: 'error', message: { de: 'Der Ablauf ist leer: ziehen Sie einen Start-Baustein auf die Fläche.', en: 'The flow is empty: drag a Start node onto the canvas.' } },
      ],
    };
  }
  const parsed = parseFlow(draft);
  if (!parsed.ok) {
    return {
      diagnostics: parsed.problems.map((p) => {
        const match = NODE_PATH.exec(p.path);
        const where = match ? match[2] || '' : p.path;
        const text = (message: string) => (where ? `${where}: ${message}` : message);
        return { code: 'schema', severity: 'error', ...(match?.[1] ? { nodeId: match[1] } : {}), message: { de: text(p.message.de), en: text(p.message.en) } };
      }),
    };
  }
  return { flow: parsed.flow, diagnostics: validateFlow(parsed.flow, resources) };
}
