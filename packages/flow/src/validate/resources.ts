import type { Diagnostic } from '../diagnostics.js';
import type { Flow, FlowNode } from '../flow.schema.js';
import type { KnownResources } from './index.js';

/** References to extensions, queues, mailboxes, rooms, flows, routes and prompts the PBX does not have. */
export function checkResources(flow: Flow, r: KnownResources): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const missing = (
    node: FlowNode,
    list: string[] | undefined,
    value: string,
    code: Diagnostic['code'],
    what: { de: string; en: string },
  ) => {
    if (!list || value === '' || list.includes(value)) return;
    diagnostics.push({
      code,
      severity: 'error',
      nodeId: node.id,
      message: {
        de: `${what.de} „${value}“ gibt es nicht.`,
        en: `${what.en} "${value}" does not exist.`,
      },
    });
  };
  const ext = { de: 'Die Nebenstelle', en: 'Extension' };
  for (const node of flow.nodes) {
    switch (node.type) {
      case 'Dial':
        for (const t of node.params.targets) if (!t.startsWith('$')) missing(node, r.extensions, t, 'unknown-extension', ext);
        break;
      case 'Menu':
        for (const t of node.params.directDial) missing(node, r.extensions, t, 'unknown-extension', ext);
        break;
      case 'Queue':
        missing(node, r.queues, node.params.queue, 'unknown-queue', { de: 'Die Warteschlange', en: 'Queue' });
        break;
      case 'Voicemail':
        missing(node, r.mailboxes, node.params.mailbox, 'unknown-mailbox', { de: 'Die Mailbox', en: 'Mailbox' });
        break;
      case 'Conference':
        missing(node, r.rooms, node.params.room, 'unknown-room', { de: 'Der Konferenzraum', en: 'Conference room' });
        break;
      case 'GotoFlow':
        missing(node, r.flows, node.params.flow, 'unknown-flow', { de: 'Der Ablauf', en: 'Flow' });
        break;
      case 'TransferExternal':
        missing(node, r.routes, node.params.route, 'unknown-route', { de: 'Die ausgehende Route', en: 'Outbound route' });
        break;
    }
    const prompt = 'prompt' in node.params ? node.params.prompt : undefined;
    if (prompt && typeof prompt === 'object' && 'kind' in prompt && prompt.kind === 'upload') {
      missing(node, r.prompts, prompt.id, 'unknown-prompt', { de: 'Die Ansage', en: 'Prompt' });
    }
  }
  return diagnostics;
}
