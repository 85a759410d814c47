import { splitCallerId, type MessageInfo } from './message-files.js';

export type VoicemailMailLanguage = 'de' | 'en';

/** What the mail says about a message; the audio goes beside it as the attachment. */
export interface VoicemailMailText {
  subject: string;
  text: string;
}

export interface VoicemailMailFacts {
  message: MessageInfo;
  /** The box's number and its owner's name (the extension's). */
  mailbox: { id: string; name: string };
  /** The PBX's time zone (IANA), in which the time is told. */
  timeZone: string;
  /** `message.wav` or `message.mp3`, or undefined when nothing is attached. */
  attachment?: string;
}

/** The caller chose the text of their caller id: no line breaks or other control characters reach a header. */
function plain(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

function caller(callerId: string, unknown: string): string {
  const { name, number } = splitCallerId(plain(callerId));
  if (name && number && name !== number) return `${name} (${number})`;
  return name || number || unknown;
}

/** 75 → "1:15"; minutes are not capped (a message is at most some minutes long). */
export function clockDuration(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function when(time: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(time);
}

/** The voicemail mail in German or English: caller, time in the PBX's zone, duration and box. */
export function voicemailMail(facts: VoicemailMailFacts, language: VoicemailMailLanguage): VoicemailMailText {
  const { message, mailbox, timeZone } = facts;
  const duration = clockDuration(message.durationSeconds);
  const box = `${mailbox.id}${mailbox.name ? ` (${plain(mailbox.name)})` : ''}`;
  if (language === 'de') {
    const from = caller(message.callerId, 'unbekannt');
    return {
      subject: `Neue Sprachnachricht von ${from} (${duration})`,
      text: [
        `Neue Sprachnachricht in der Mailbox ${box}.`,
        '',
        `Anrufer: ${from}`,
        `Zeit:    ${when(message.time, timeZone, 'de-DE')} (${timeZone})`,
        `Dauer:   ${duration} min`,
        '',
        facts.attachment ? `Die Nachricht hängt an (${facts.attachment}).` : 'Die Nachricht liegt in der Mailbox.',
        '',
        '-- ',
        'StumpfWorks VoIP',
        '',
      ].join('\n'),
    };
  }
  const from = caller(message.callerId, 'unknown caller');
  return {
    subject: `New voicemail from ${from} (${duration})`,
    text: [
      `New voicemail in mailbox ${box}.`,
      '',
      `Caller:   ${from}`,
      `Time:     ${when(message.time, timeZone, 'en-GB')} (${timeZone})`,
      `Duration: ${duration} min`,
      '',
      facts.attachment ? `The message is attached (${facts.attachment}).` : 'The message is in the mailbox.',
      '',
      '-- ',
      'StumpfWorks VoIP',
      '',
    ].join('\n'),
  };
}
