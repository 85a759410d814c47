import { amiRunner, type AmiOptions, type AmiRunner } from '../asterisk/ami.js';
import type { Folder, VoicemailMessage } from './messages.js';

/**
 * Changes of messages through app_voicemail's own AMI actions, never by moving files: it renumbers
 * the folder and sends the new counts to the phones (MWI) itself.
 */
export interface MessageActions {
  move(box: string, message: VoicemailMessage, to: Folder): Promise<void>;
  forward(box: string, message: VoicemailMessage, toBox: string): Promise<void>;
  remove(box: string, message: VoicemailMessage): Promise<void>;
}

/** An AMI action app_voicemail refused, with its message. */
export class VoicemailActionError extends Error {}

export function amiMessageActions(ami: AmiOptions | AmiRunner): MessageActions {
  const run = amiRunner(ami);
  const act = async (fields: Record<string, string>) => {
    const [answer] = await run({ Context: 'default', ...fields });
    if (answer?.Response !== 'Success') throw new VoicemailActionError(`${fields.Action}: ${answer?.Message ?? 'no answer'}`);
  };
  return {
    move: (box, m, to) => act({ Action: 'VoicemailMove', Mailbox: box, Folder: m.folder, ID: m.id, ToFolder: to }),
    forward: (box, m, toBox) => act({ Action: 'VoicemailForward', Mailbox: box, Folder: m.folder, ID: m.id, ToContext: 'default', ToMailbox: toBox, ToFolder: 'INBOX' }),
    remove: (box, m) => act({ Action: 'VoicemailRemove', Mailbox: box, Folder: m.folder, ID: m.id }),
  };
}
