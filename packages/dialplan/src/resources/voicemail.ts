import { byId } from './conf-text.js';
import { GENERATED_HEADER } from '../compile.js';
import { DialplanError } from '../errors.js';
import type { PbxResources } from './types.js';

/** stumpfworks/voicemail.conf: `[default]` with one mailbox per extension that has voicemail on. */
export function renderVoicemail(resources: Pick<PbxResources, 'extensions'>): string {
  const lines = [`; ${GENERATED_HEADER}`, '; voicemail boxes of the extensions', '[default]'];
  for (const e of byId(resources.extensions)) {
    if (!e.voicemail.enabled) continue;
    const fields = [e.voicemail.pin ?? '', e.name, e.voicemail.email ?? ''];
    if (fields.some((f) => /[,;|\r\n]/.test(f))) throw new DialplanError('unsafe-text', `mailbox ${e.id}: a field contains , ; | or a line break`);
    lines.push(`${e.id} => ${fields.join(',')}`);
  }
  return `${lines.join('\n')}\n`;
}
