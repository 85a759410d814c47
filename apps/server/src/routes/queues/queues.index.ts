import { DEFAULT_MOH_CLASS } from '@stumpfworks/dialplan';
import type { AppDeps } from '../../http/app-env.js';
import { inScope, scopedQueues } from '../../auth/operator-scope.js';
import { AppError } from '../../errors.js';
import { say } from '../../http/language.js';
import { crudRouter } from '../../resources/crud.routes.js';
import { noSuch } from '../../resources/resource-names.js';
import { getResource } from '../../resources/resources.repository.js';
import { liveQueues, queueStatusRoute } from './queue-status.js';
import { QueueInputSchema, QueueSchema, type Queue } from './queues.schema.js';

/** /queues: call queues with extension members; /queue-status: who waits in them now. */
export function queuesRouter(deps: Pick<AppDeps, 'db' | 'asterisk'>) {
  const router = crudRouter(deps.db, {
    kind: 'queue',
    path: 'queues',
    tag: 'Queues',
    readRole: 'operator', // the dashboard's queues; an operator sees those an admin gave them
    readScope: { kind: 'queue', of: scopedQueues },
    input: QueueInputSchema,
    output: QueueSchema,
    prepare: async (input, db): Promise<Queue> => {
      const issues = [];
      for (const [index, member] of input.members.entries()) {
        if (!(await getResource(db, 'extension', member))) issues.push({ path: `members[${index}]`, message: noSuch('extension', member) });
      }
      if (new Set(input.members).size !== input.members.length) issues.push({ path: 'members', message: say({ de: 'Ein Mitglied ist doppelt angegeben', en: 'a member is listed twice' }) });
      if (input.musicOnHold !== DEFAULT_MOH_CLASS && !(await getResource(db, 'prompt', input.musicOnHold))) {
        const neither = say({ de: 'Weder „default“ noch eine hochgeladene Ansage', en: 'neither "default" nor an uploaded prompt' });
        issues.push({ path: 'musicOnHold', message: `${neither}: ${noSuch('prompt', input.musicOnHold)}` });
      }
      if (issues.length > 0) throw new AppError('validation', say({ de: 'Die Warteschlange ist nicht gültig', en: 'invalid queue' }), { issues });
      const { recording, ...rest } = input;
      return { ...rest, ...(recording ? { recording } : {}) };
    },
  });
  router.openapi(queueStatusRoute, async (c) => {
    if (!deps.asterisk) throw new AppError('asterisk-unavailable', 'no Asterisk connection configured');
    const scope = await scopedQueues(deps.db, c.get('actor'));
    return c.json((await liveQueues(deps.asterisk.ami)).filter((q) => inScope(scope, q.id)), 200);
  });
  return router;
}
