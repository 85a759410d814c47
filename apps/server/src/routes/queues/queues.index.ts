import { DEFAULT_MOH_CLASS } from '@stumpfworks/dialplan';
import type { AppDeps } from '../../app.js';
import { AppError } from '../../errors.js';
import { crudRouter } from '../../resources/crud.routes.js';
import { getResource } from '../../resources/resources.repository.js';
import { QueueInputSchema, QueueSchema, type Queue } from './queues.schema.js';

/** /queues: call queues with extension members. */
export function queuesRouter(deps: Pick<AppDeps, 'db'>) {
  return crudRouter(deps.db, {
    kind: 'queue',
    path: 'queues',
    tag: 'Queues',
    input: QueueInputSchema,
    output: QueueSchema,
    prepare: async (input, db): Promise<Queue> => {
      const issues = [];
      for (const [index, member] of input.members.entries()) {
        if (!(await getResource(db, 'extension', member))) issues.push({ path: `members[${index}]`, message: `no extension "${member}"` });
      }
      if (new Set(input.members).size !== input.members.length) issues.push({ path: 'members', message: 'a member is listed twice' });
      if (input.musicOnHold !== DEFAULT_MOH_CLASS && !(await getResource(db, 'prompt', input.musicOnHold))) {
        issues.push({ path: 'musicOnHold', message: `neither "default" nor an uploaded prompt: no prompt "${input.musicOnHold}"` });
      }
      if (issues.length > 0) throw new AppError('validation', 'invalid queue', { issues });
      return input;
    },
  });
}
