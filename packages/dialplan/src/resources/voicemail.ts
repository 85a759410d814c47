import { byId } from './conf-text.js';
import { GENERATED_HEADER } from '../compile.js';
import { DialplanError } from '../errors.js';
import type { PbxResources } from './types.js';

/**
 * A name as voicemail.conf's full-name field can hold it: `,` and `|` separate fields there and `;`
 * starts a comment, so they (and line breaks) become spaces. "Müller, Hans" is a common name.
 */
export function mailboxName(name: string): string {
  return name.replace(/[,;|\r\n]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** stumpfworks/voicemail.conf: `[default]` with one mailbox per extension that has voicemail on. */
export function renderVoicemail(resources: Pick<PbxResources, 'extensions'>): string {
  const lines = [`; ${GENERATED_HEADER}`, '; voicemail boxes of the extensions', '[default]'];
  for (const e of byId(resources.extensions)) {
    if (!e.voicemail.enabled) continue;
    const fields = [e.voicemail.pin ?? '', mailboxName(e.name), e.voicemail.email ?? ''];
    if (fields.some((f) => /[,;|\r\n]/.test(f))) throw new DialplanError('unsafe-text', `mailbox ${e.id}: its PIN or email contains , ; | or a line break`);
    lines.push(`${e.id} => ${fields.join(',')}`);
  }
  return `${lines.join('\n')}\n`;
}
