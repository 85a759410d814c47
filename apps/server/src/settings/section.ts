import type { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { getResource, updateResource, insertResource } from '../resources/resources.repository.js';

/**
 * One section of the PBX's settings (network, security, ...): a schema whose defaults make `{}`
 * valid, so a section nobody has saved yet reads as its defaults, and a field added later gets its
 * default on the next read. Stored as the resource `settings/<id>`, so a publish build reads it
 * with everything else and a change to it is a change to the build.
 */
export interface SettingsSection<S extends z.ZodType = z.ZodType> {
  id: string;
  label: { de: string; en: string };
  schema: S;
  /**
   * Completes a valid section before it is stored, e.g. looks up what it names (the network
   * section asks its STUN server); may throw an AppError (422 with the field's path).
   */
  complete?: (value: z.infer<S>) => Promise<z.infer<S>>;
}

/** A section as it is now: the stored one, or the defaults. */
export async function readSection<S extends z.ZodType>(db: Kysely<Database>, section: SettingsSection<S>): Promise<z.infer<S>> {
  const row = await getResource<unknown>(db, 'settings', section.id);
  return sectionFrom(section, row?.body);
}

/** A section from its stored body (undefined: never saved), with the defaults of fields it lacks. */
export function sectionFrom<S extends z.ZodType>(section: SettingsSection<S>, stored: unknown): z.infer<S> {
  return section.schema.parse(stored ?? {}) as z.infer<S>;
}

/** Stores a section that has been validated already. */
export async function writeSection<S extends z.ZodType>(db: Kysely<Database>, section: SettingsSection<S>, value: z.infer<S>): Promise<void> {
  if (!(await updateResource(db, 'settings', section.id, value))) await insertResource(db, 'settings', section.id, value);
}
