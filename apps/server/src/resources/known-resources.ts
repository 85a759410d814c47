import type { KnownResources } from '@stumpfworks/flow';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Extension } from '../routes/extensions/extensions.schema.js';
import { listResources } from './resources.repository.js';

/** What exists on the PBX, for flow validation. */
export async function knownResources(db: Kysely<Database>): Promise<KnownResources> {
  const extensions = await listResources<Extension>(db, 'extension');
  const ids = async (kind: Parameters<typeof listResources>[1]) => (await listResources(db, kind)).map((r) => r.id);
  const flows = await db.selectFrom('flows').select('id').execute();
  return {
    extensions: extensions.map((e) => e.id),
    mailboxes: extensions.filter((e) => e.body.voicemail.enabled).map((e) => e.id),
    queues: await ids('queue'),
    rooms: await ids('conference'),
    routes: await ids('outbound-route'),
    prompts: await ids('prompt'),
    flows: flows.map((f) => f.id),
  };
}
