import { hostname } from 'node:os';
import type { Transporter } from 'nodemailer';
import { createTransport } from 'nodemailer';
import type { AlertSettings } from './alert-settings.js';
import type { AlertChange } from './alert-book.js';
import { alertMail, testMail, type MailLanguage, type MailText } from './mail-text.js';

/** What an SMTP transport is built from (the settings' smtp part). */
export type SmtpSettings = AlertSettings['smtp'];

/** How long one SMTP step may take: a test button must answer, and a dead server must not hold a mail forever. */
const SMTP_TIMEOUT_MS = 15_000;

/** nodemailer's transport for the settings: `tls` is TLS from the first byte, `starttls` requires STARTTLS, `none` sends in plain. */
export function smtpTransport(smtp: SmtpSettings): Transporter {
  return createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'tls',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    ...(smtp.user !== '' ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
}

/** Sends one text per recipient language group; throws the SMTP server's error. */
async function sendTo(smtp: SmtpSettings, make: (language: MailLanguage) => MailText): Promise<string[]> {
  const transport = smtpTransport(smtp);
  try {
    const groups = new Map<MailLanguage, string[]>();
    for (const r of smtp.recipients) groups.set(r.language, [...(groups.get(r.language) ?? []), r.address]);
    const accepted: string[] = [];
    for (const [language, addresses] of groups) {
      const mail = make(language);
      const info = await transport.sendMail({ from: smtp.from, to: addresses, subject: mail.subject, text: mail.text });
      accepted.push(...(info.accepted ?? []).map(String));
    }
    return accepted;
  } finally {
    transport.close();
  }
}

/** The PBX's name in mail subjects. */
export function serverName(): string {
  return `StumpfWorks VoIP ${hostname()}`;
}

export function sendAlertMail(smtp: SmtpSettings, change: AlertChange): Promise<string[]> {
  return sendTo(smtp, (language) => alertMail(change, language, serverName()));
}

export function sendTestMail(smtp: SmtpSettings): Promise<string[]> {
  return sendTo(smtp, (language) => testMail(language, serverName()));
}
