import { nodeTypeDescription, type FlowNode } from '@stumpfworks/flow';

/**
 * Starting values for params that have no default in the catalogue, so a node dropped on the
 * canvas is a valid node at once (the admin then edits them in the inspector).
 */
const SEEDS: Record<string, Record<string, unknown>> = {
  Play: { prompt: { kind: 'tts', text: { de: 'Willkommen.', en: 'Welcome.' } } },
  Menu: { prompt: { kind: 'tts', text: { de: 'Bitte wählen Sie.', en: 'Please choose.' } } },
  CollectDigits: { prompt: { kind: 'tts', text: { de: 'Bitte geben Sie Ihre Nummer ein.', en: 'Please enter your number.' } }, variable: 'INPUT' },
  TimeCondition: { weekly: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }] },
  Condition: { subject: 'callerId', operator: 'equals', value: '' },
  SetVariable: { name: 'VAR', value: '' },
  HttpRequest: { url: 'https://crm.example.com/api/customers?phone=${CALLERID}' },
  Dial: { targets: ['1000'] },
  Queue: { queue: 'support' },
  Voicemail: { mailbox: '1000' },
  Conference: { room: '800' },
  TransferExternal: { number: '0301234567' },
  GotoFlow: { flow: 'main' },
  Language: { language: 'de' },
};

/** The params of a fresh node of a type: the catalogue's defaults over the seeds above. */
export function defaultParams(type: string): Record<string, unknown> {
  const description = nodeTypeDescription(type);
  const seed = SEEDS[type] ?? {};
  if (!description) return { ...seed };
  const parsed = description.params.safeParse(seed);
  return parsed.success ? (parsed.data as Record<string, unknown>) : { ...seed };
}

/** A node id not yet used in the flow, like `dial-2`. */
export function freshNodeId(type: string, nodes: readonly Pick<FlowNode, 'id'>[]): string {
  const base = type.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
  const used = new Set(nodes.map((n) => n.id));
  for (let i = 1; ; i++) {
    const id = `${base}-${i}`;
    if (!used.has(id)) return id;
  }
}
