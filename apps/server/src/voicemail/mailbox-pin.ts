import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { getResource, updateResource } from '../resources/resources.repository.js';
import type { Extension } from '../routes/extensions/extensions.schema.js';

/**
 * A mailbox's PIN lives in its extension (the stored resource renders voicemail.conf). A PIN set
 * outside a publish (by the phone, or the PIN route) is also written into the live voicemail.conf
 * (withLivePin), so an Asterisk restart before the next publish keeps it.
 */

/** Stores `pin` as the PIN of box `box`; false when the box is no extension with voicemail on. */
export async function storeMailboxPin(db: Kysely<Database>, box: string, pin: string): Promise<boolean> {
  const stored = await getResource<Extension>(db, 'extension', box);
  if (!stored?.body.voicemail?.enabled) return false;
  return updateResource(db, 'extension', box, { ...stored.body, voicemail: { ...stored.body.voicemail, pin } });
}

/**
 * voicemail.conf with the PIN of `box` in the `[default]` context replaced: the first field of its
 * `<box> => pin,name,email` line. Undefined when the file has no such line (not published yet).
 * `box` and `pin` are digits (checked by the callers), so nothing of them is read as syntax.
 */
export function withLivePin(text: string, box: string, pin: string): string | undefined {
  let context = '';
  let found = false;
  const lines = text.split('\n').map((line) => {
    const section = /^\[([^\]]*)\]/.exec(line);
    if (section) context = section[1]!;
    const entry = context === 'default' && !found ? /^(\d+) => [^,]*(,.*)?$/.exec(line) : null;
    if (!entry || entry[1] !== box) return line;
    found = true;
    return `${box} => ${pin}${entry[2] ?? ''}`;
  });
  return found ? lines.join('\n') : undefined;
}
