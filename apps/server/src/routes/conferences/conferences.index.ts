import type { AppDeps } from '../../http/app-env.js';
import { crudRouter } from '../../resources/crud.routes.js';
import { ConferenceInputSchema, ConferenceSchema } from './conferences.schema.js';

/** /conferences: ConfBridge rooms. */
export function conferencesRouter(deps: Pick<AppDeps, 'db'>) {
  return crudRouter(deps.db, {
    kind: 'conference',
    path: 'conferences',
    tag: 'Conferences',
    input: ConferenceInputSchema,
    output: ConferenceSchema,
    prepare: (input) => input,
  });
}
