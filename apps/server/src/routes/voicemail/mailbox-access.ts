import type { Kysely } from 'kysely';
import { refuseOutside, scopedMailboxes } from '../../auth/operator-scope.js';
import type { Actor } from '../../auth/roles.js';
import type { Database } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { say } from '../../http/language.js';
import { getResource } from '../../resources/resources.repository.js';
import type { Extension } from '../extensions/extensions.schema.js';

/**
 * 404 for a number that is no extension with voicemail on; then, for `actor`, 403 for a box not
 * given to them (without an actor, e.g. a forward's target, only the 404).
 */
export async function refuseUnknownOrOutside(db: Kysely<Database>, box: string, actor: Actor | undefined): Promise<void> {
  const extension = await getResource<Extension>(db, 'extension', box);
  if (!extension?.body.voicemail?.enabled) throw new AppError('not-found', say({ de: `Die Mailbox „${box}“ gibt es nicht`, en: `no mailbox "${box}"` }));
  if (actor) refuseOutside('mailbox', box, await scopedMailboxes(db, actor));
}
