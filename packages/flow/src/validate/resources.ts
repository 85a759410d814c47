import type { Diagnostic, DiagnosticCode } from '../diagnostics.js';
import type { Flow } from '../flow.schema.js';
import type { I18nText, ResourceKind } from '../nodes/node-type.js';
import { referencesOf, type KnownResources } from '../references.js';

/** How a name missing from each list is reported. */
const MISSING: Record<ResourceKind, { code: DiagnosticCode; what: I18nText }> = {
  extensions: { code: 'unknown-extension', what: { de: 'Die Nebenstelle', en: 'Extension' } },
  mailboxes: { code: 'unknown-mailbox', what: { de: 'Die Mailbox', en: 'Mailbox' } },
  queues: { code: 'unknown-queue', what: { de: 'Die Warteschlange', en: 'Queue' } },
  rooms: { code: 'unknown-room', what: { de: 'Der Konferenzraum', en: 'Conference room' } },
  flows: { code: 'unknown-flow', what: { de: 'Der Ablauf', en: 'Flow' } },
  routes: { code: 'unknown-route', what: { de: 'Die ausgehende Route', en: 'Outbound route' } },
  prompts: { code: 'unknown-prompt', what: { de: 'Die Ansage', en: 'Prompt' } },
};

/** Names of extensions, queues, mailboxes, rooms, flows, routes and prompts the PBX does not have (`referencesOf`). */
export function checkResources(flow: Flow, known: KnownResources): Diagnostic[] {
  return flow.nodes.flatMap((node) =>
    referencesOf(node).flatMap(({ kind, name }): Diagnostic[] => {
      const list = known[kind];
      if (!list || list.includes(name)) return [];
      const { code, what } = MISSING[kind];
      return [{ code, severity: 'error', nodeId: node.id, message: { de: `${what.de} „${name}“ gibt es nicht.`, en: `${what.en} "${name}" does not exist.` } }];
    }),
  );
}
