import type { Bilingual } from '../http/language.js';

/** What an alert is about. */
export const ALERT_KINDS = ['trunk-registration', 'asterisk-down', 'publish-refused', 'disk-low', 'repeated-bans', 'voicemail-mail'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A condition a source sees open now: its kind, what it is about, and what to tell a person. */
export interface Condition {
  kind: AlertKind;
  /** A trunk's id, a folder, `asterisk`, `sip`: one open alert per kind and subject. */
  subject: string;
  text: Bilingual;
}

export function alertKey(kind: AlertKind, subject: string): string {
  return `${kind}:${subject}`;
}

/** A trunk whose outbound registration is not `Registered` (Asterisk's word: Unregistered, Rejected, Stopped). */
export function trunkLost(trunk: string, status: string): Condition {
  return {
    kind: 'trunk-registration',
    subject: trunk,
    text: {
      de: `Der Trunk ${trunk} ist nicht beim Anbieter angemeldet (Asterisk: ${status}); ausgehende und ankommende Anrufe über ihn gehen nicht`,
      en: `trunk ${trunk} is not registered with its provider (Asterisk: ${status}); calls over it fail in both directions`,
    },
  };
}

export function asteriskDown(): Condition {
  return {
    kind: 'asterisk-down',
    subject: 'asterisk',
    text: { de: 'Asterisk antwortet nicht (ARI); es gehen keine Anrufe', en: 'Asterisk does not answer (ARI); no calls go through' },
  };
}

/** `reason`: Asterisk's problems (or the error's message); `publishId`: the record in GET /publishes/{id}. */
export function publishRefused(reason: string, publishId?: string): Condition {
  const record = publishId ? ` (${publishId})` : '';
  return {
    kind: 'publish-refused',
    subject: 'publish',
    text: {
      de: `Asterisk hat eine Veröffentlichung abgelehnt${record}; die vorige Konfiguration läuft weiter: ${reason}`,
      en: `Asterisk refused a publish${record}; the previous configuration still runs: ${reason}`,
    },
  };
}

/** `label`: what the folder holds (the server's data, Asterisk's spool). */
export function diskLow(label: Bilingual, path: string, freeMb: number, minMb: number): Condition {
  return {
    kind: 'disk-low',
    subject: path,
    text: {
      de: `Wenig freier Speicher für ${label.de} (${path}): ${freeMb} MB frei, Schwelle ${minMb} MB`,
      en: `low free disk space for ${label.en} (${path}): ${freeMb} MB free, threshold ${minMb} MB`,
    },
  };
}

export function repeatedBans(count: number, windowMinutes: number): Condition {
  return {
    kind: 'repeated-bans',
    subject: 'sip',
    text: {
      de: `${count} SIP-Sperren in den letzten ${windowMinutes} Minuten: jemand versucht, Konten zu erraten`,
      en: `${count} SIP bans in the last ${windowMinutes} minutes: someone is guessing accounts`,
    },
  };
}

/** The last mail of voicemail box `mailbox` was not accepted; it is retried (voicemail-mail/). */
export function voicemailMailFailing(mailbox: string, error: string): Condition {
  return {
    kind: 'voicemail-mail',
    subject: mailbox,
    text: {
      de: `Sprachnachrichten der Mailbox ${mailbox} können nicht gemailt werden; sie bleiben in der Mailbox und werden erneut versucht: ${error}`,
      en: `voicemail of box ${mailbox} cannot be mailed; the messages stay in the box and are retried: ${error}`,
    },
  };
}
