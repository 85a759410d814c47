import type { ExtensionResource } from '@stumpfworks/dialplan';
import type { KnownResources } from '@stumpfworks/flow';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { ResourceKind, StoredResource } from './resources.repository.js';

/** What exists on the PBX, for flow validation. */
export async function knownResources(db: Kysely<Database>): Promise<KnownResources> {
  const rows = await db.selectFrom('resources').select(['kind', 'id', 'body']).orderBy('id').execute();
  const flows = await db.selectFrom('flows').select('id').execute();
  const of = (kind: ResourceKind) => rows.filter((r) => r.kind === kind).map((r) => ({ id: r.id, body: JSON.parse(r.body) as unknown }));
  return knownFrom(of, flows.map((f) => f.id));
}

/**
 * KnownResources from resources already loaded (the publish build reads them once for both the
 * renderers and validation). `of(kind)` lists the resources of a kind, ordered by id.
 */
export function knownFrom(of: (kind: ResourceKind) => Array<Pick<StoredResource<unknown>, 'id' | 'body'>>, flowIds: string[]): KnownResources {
  const extensions = of('extension') as Array<Pick<StoredResource<ExtensionResource>, 'id' | 'body'>>;
  const ids = (kind: ResourceKind) => of(kind).map((r) => r.id);
  return {
    extensions: extensions.map((e) => e.id),
    mailboxes: extensions.filter((e) => e.body.voicemail.enabled).map((e) => e.id),
    queues: ids('queue'),
    rooms: ids('conference'),
    routes: ids('outbound-route'),
    prompts: ids('prompt'),
    flows: flowIds,
  };
}
