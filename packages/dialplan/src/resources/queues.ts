import { byId, renderConf } from './conf-text.js';
import { mohClass } from './moh.js';
import type { PbxResources } from './types.js';

/** stumpfworks/queues.conf: one section per queue, members dialled as PJSIP endpoints. */
export function renderQueues(resources: Pick<PbxResources, 'queues'>): string {
  return renderConf(
    'call queues (the maximum wait is the Queue() timeout in the dialplan)',
    byId(resources.queues).map((q) => ({
      name: q.id,
      comment: q.name,
      entries: [
        ['strategy', q.strategy],
        ['timeout', q.ringSeconds],
        ['retry', 5],
        ['musicclass', mohClass(q.musicOnHold)],
        ['announce-position', q.announcePosition],
        ['announce-frequency', q.announcePosition ? q.announceFrequencySeconds : 0],
        ['joinempty', 'yes'],
        ['leavewhenempty', 'no'],
        ...[...q.members].sort().map((m): [string, string] => ['member', `PJSIP/${m}`]),
      ],
    })),
  );
}
