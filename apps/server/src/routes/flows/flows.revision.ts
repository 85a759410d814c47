import type { FlowRow } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { say } from '../../http/language.js';

/** The ETag of a flow's draft: its revision, quoted as HTTP wants an entity tag. */
export function etagOf(row: Pick<FlowRow, 'revision'>): string {
  return `"${row.revision}"`;
}

/** The revisions an If-Match header names (`"3"`, `W/"3"`, a bare `3`, a list), or `*` for any. */
function revisionsIn(header: string): Set<string> | '*' {
  const tags = header.split(',').map((tag) => tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1'));
  return tags.includes('*') ? '*' : new Set(tags);
}

/**
 * Refuses a write based on a draft that has been written since (409, in the request's language,
 * with the current `revision`): the editor sends the ETag it last read as If-Match. Without the
 * header the write is unconditional, as it was before revisions existed (scripts and the CLI).
 *
 * @example ifMatches('"3"', row) // throws unless row.revision is 3
 */
export function ifMatches(header: string | undefined, row: Pick<FlowRow, 'id' | 'revision'>): void {
  if (header === undefined) return;
  const wanted = revisionsIn(header);
  if (wanted === '*' || wanted.has(String(row.revision))) return;
  const sent = [...wanted].join(', ');
  throw new AppError(
    'conflict',
    say({
      de: `Der Ablauf „${row.id}“ wurde inzwischen geändert (Revision ${row.revision}; Ihre Fassung beruht auf ${sent}). Laden Sie ihn neu, bevor Sie ihn überschreiben.`,
      en: `flow "${row.id}" has changed since you read it (revision ${row.revision}; yours is based on ${sent}). Reload it before you overwrite it.`,
    }),
    { revision: row.revision },
  );
}
