import type { AlertChange } from './alert-book.js';

export type MailLanguage = 'de' | 'en' | 'both';

export interface MailText {
  subject: string;
  text: string;
}

const KIND_TITLES: Record<string, { de: string; en: string }> = {
  'trunk-registration': { de: 'Trunk-Anmeldung', en: 'trunk registration' },
  'asterisk-down': { de: 'Asterisk', en: 'Asterisk' },
  'publish-refused': { de: 'Veröffentlichung', en: 'publish' },
  'disk-low': { de: 'Speicherplatz', en: 'disk space' },
  'repeated-bans': { de: 'SIP-Sperren', en: 'SIP bans' },
  'voicemail-mail': { de: 'Sprachnachrichten per E-Mail, Mailbox', en: 'voicemail mail, box' },
};

/** The kinds whose subject names something (a trunk, a folder); the others have one subject only. */
const NAMED_SUBJECTS = new Set(['trunk-registration', 'disk-low', 'voicemail-mail']);

/** The mail of an alert's change, in the recipient's language (`both`: German, then English). */
export function alertMail(change: AlertChange, language: MailLanguage, serverName: string): MailText {
  const a = change.alert;
  const title = KIND_TITLES[a.kind] ?? { de: a.kind, en: a.kind };
  const about = NAMED_SUBJECTS.has(a.kind) ? ` ${a.subject}` : '';
  const de = {
    subject: `[${serverName}] ${change.change === 'opened' ? 'Alarm' : 'Behoben'}: ${title.de}${about}`,
    body: change.change === 'opened'
      ? `Alarm seit ${a.opened_at}:\n${a.text_de}\n`
      : `Behoben um ${a.resolved_at} (offen seit ${a.opened_at}):\n${a.text_de}\n`,
  };
  const en = {
    subject: `[${serverName}] ${change.change === 'opened' ? 'Alert' : 'Resolved'}: ${title.en}${about}`,
    body: change.change === 'opened'
      ? `Alert since ${a.opened_at}:\n${a.text_en}\n`
      : `Resolved at ${a.resolved_at} (open since ${a.opened_at}):\n${a.text_en}\n`,
  };
  const footer = { de: 'Die offenen Alarme stehen im Dashboard der Telefonanlage.', en: 'The open alerts are on the PBX dashboard.' };
  if (language === 'de') return { subject: de.subject, text: `${de.body}\n${footer.de}\n` };
  if (language === 'en') return { subject: en.subject, text: `${en.body}\n${footer.en}\n` };
  return { subject: `${de.subject} / ${en.subject}`, text: `${de.body}\n${footer.de}\n\n---\n\n${en.body}\n${footer.en}\n` };
}

export function testMail(language: MailLanguage, serverName: string): MailText {
  const de = { subject: `[${serverName}] Test-E-Mail`, body: 'Diese Test-E-Mail zeigt: Alarme der Telefonanlage erreichen diese Adresse.' };
  const en = { subject: `[${serverName}] Test mail`, body: 'This test mail shows that the PBX\'s alerts reach this address.' };
  if (language === 'de') return { subject: de.subject, text: `${de.body}\n` };
  if (language === 'en') return { subject: en.subject, text: `${en.body}\n` };
  return { subject: `${de.subject} / ${en.subject}`, text: `${de.body}\n\n---\n\n${en.body}\n` };
}
