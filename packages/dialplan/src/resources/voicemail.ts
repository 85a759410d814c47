import { byId } from './conf-text.js';
import { GENERATED_HEADER } from '../compile.js';
import { DialplanError } from '../errors.js';
import { app, type DialplanContext } from '../ir.js';
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

/** The context of the voicemail access codes; the extensions' context includes it. */
export const VOICEMAIL_ACCESS_CONTEXT = 'stumpfworks-voicemail';

/**
 * `*97`: the caller's own box, by the PJSIP endpoint the phone authenticated as (the extension's
 * id, never a header the phone sends), PIN asked. `*98`: any box, number then PIN. Both through
 * VoiceMailMain, whose menu also changes the PIN (voicemail.conf `externpass`) and records the
 * greetings. A channel that is no PJSIP phone has no endpoint: VoiceMailMain then asks for the box.
 */
export function voicemailAccessContext(): DialplanContext {
  const main = (box: string) => [app('Answer'), app('VoiceMailMain', `${box}@default`), app('Hangup')];
  return {
    name: VOICEMAIL_ACCESS_CONTEXT,
    comments: ['voicemail access: *97 own box, *98 any box (PIN asked)'],
    extensions: [
      { name: '*97', comment: 'own mailbox', priorities: main('${CHANNEL(endpoint)}') },
      { name: '*98', comment: 'any mailbox', priorities: main('') },
    ],
  };
}
