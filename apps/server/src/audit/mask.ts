/**
 * What the audit log keeps of a resource: its JSON with every secret replaced by MASK, in a
 * canonical form (keys sorted) so that the same state always reads, and hashes, the same.
 */

export const MASK = '***';

/**
 * Keys whose string or number values are secrets: passwords (users, SMTP), SIP and trunk secrets,
 * PINs (voicemail, conference moderator), token values, the session's CSRF token, private keys.
 * Matched on the end of the key, so `currentPassword`, `moderatorPin` and `csrfToken` are
 * covered; a boolean such as `mustChangePassword` says nothing secret and stays.
 */
const SECRET_KEY = /(secret|password|passwd|pin|token|csrf|private_?key|authorization|api_?key)$/i;

/** Past this many characters a side is replaced by its size (a flow can be close to 1 MB). */
export const MAX_SIDE_CHARS = 64 * 1024;

/** A deep copy of `value` with secrets masked and object keys sorted. */
export function masked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(masked);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const inner = (value as Record<string, unknown>)[key];
    out[key] = SECRET_KEY.test(key) && (typeof inner === 'string' || typeof inner === 'number') && inner !== '' ? MASK : masked(inner);
  }
  return out;
}

/** The stored text of one side (before or after): canonical, masked JSON, or null for nothing. */
export function auditSide(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(masked(value));
  if (text.length <= MAX_SIDE_CHARS) return text;
  return JSON.stringify({ omitted: true, chars: text.length });
}
