import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { say, says } from '../http/language.js';

/** A mail recipient; `language` picks the mail's language (`both`: German, then English). */
export const RecipientSchema = z
  .object({
    address: z.email(says({ de: 'Eine E-Mail-Adresse (name@beispiel.de)', en: 'an email address (name@example.com)' })).max(254),
    language: z.enum(['de', 'en', 'both']).default('both'),
  })
  .openapi('AlertRecipient');

const host = z
  .string()
  .max(253)
  .regex(/^$|^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/, says({ de: 'Ein Hostname oder eine IP-Adresse', en: 'a host name or an IP address' }));

/** The SMTP server alert and voicemail mails go through; `recipients` get the alert mails; `password` is write-only (GET shows `passwordSet`). */
const SmtpFields = {
  enabled: z.boolean().default(false),
  host: host.default(''),
  port: z.number().int().min(1).max(65535).default(587),
  /** `starttls`: plain, then STARTTLS (required); `tls`: TLS from the first byte (465); `none`: no encryption (a relay on this host). */
  tls: z.enum(['starttls', 'tls', 'none']).default('starttls'),
  user: z.string().max(254).default(''),
  from: z.union([z.literal(''), z.email(says({ de: 'Eine E-Mail-Adresse als Absender', en: 'an email address as the sender' }))]).default(''),
  recipients: z.array(RecipientSchema).max(20).default([]),
};

const ThresholdFields = {
  /** Free space (MB) under which DATA_DIR or the Asterisk spool raises `disk-low`. */
  diskMinFreeMb: z.number().int().min(1).max(10_000_000).default(1024),
  /** `repeated-bans` opens at this many SIP bans within `bansWindowMinutes`. */
  bansCount: z.number().int().min(1).max(10_000).default(5),
  bansWindowMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
  /** The de-duplication rule: a kind and subject that opens again within this time of its last mailed opening is not mailed again. */
  quietMinutes: z.number().int().min(0).max(7 * 24 * 60).default(30),
};

/**
 * The relay is the product's one (alerts and voicemail mail): switched on, it needs a server and a
 * sender. Recipients are the alert mails' only: without them no alert is mailed, while voicemail
 * still goes to each mailbox's own address.
 */
function requireMailFields(s: { enabled: boolean; host: string; from: string }, ctx: z.RefinementCtx): void {
  if (!s.enabled) return;
  const need = { de: 'Nötig, wenn E-Mails eingeschaltet sind', en: 'needed when mails are on' };
  if (s.host === '') ctx.addIssue({ code: 'custom', path: ['smtp', 'host'], message: say(need) });
  if (s.from === '') ctx.addIssue({ code: 'custom', path: ['smtp', 'from'], message: say(need) });
}

/** What is stored (and what the mailer uses). */
export const StoredAlertSettingsSchema = z.object({
  smtp: z.object({ ...SmtpFields, password: z.string().max(512).default('') }).default({} as never),
  ...ThresholdFields,
});
export type AlertSettings = z.infer<typeof StoredAlertSettingsSchema>;

/** PUT: the password is kept when absent, removed when ''. */
export const AlertSettingsInputSchema = z
  .object({
    smtp: z.object({ ...SmtpFields, password: z.string().max(512).optional() }).default({} as never),
    ...ThresholdFields,
  })
  .superRefine((s, ctx) => requireMailFields(s.smtp, ctx))
  .openapi('AlertSettingsInput', {
    description: 'Alert mails (SMTP) and thresholds. `smtp.password` is write-only: leave it out to keep the stored one, send "" to remove it.',
  });
export type AlertSettingsInput = z.infer<typeof AlertSettingsInputSchema>;

/** GET: without the password, with whether one is stored. */
export const AlertSettingsViewSchema = z
  .object({ smtp: z.object({ ...SmtpFields, passwordSet: z.boolean() }), ...ThresholdFields })
  .openapi('AlertSettings');
export type AlertSettingsView = z.infer<typeof AlertSettingsViewSchema>;

const ID = 'alerts';

export async function readAlertSettings(db: Kysely<Database>): Promise<AlertSettings> {
  const row = await db.selectFrom('alert_settings').select('body').where('id', '=', ID).executeTakeFirst();
  return StoredAlertSettingsSchema.parse(row ? JSON.parse(row.body) : {});
}

export async function writeAlertSettings(db: Kysely<Database>, settings: AlertSettings): Promise<void> {
  const body = JSON.stringify(settings);
  await db.insertInto('alert_settings').values({ id: ID, body }).onConflict((oc) => oc.column('id').doUpdateSet({ body })).execute();
}

/** The input completed with the stored password where it left it out. */
export function settingsFromInput(input: AlertSettingsInput, stored: AlertSettings): AlertSettings {
  const { password, ...smtp } = input.smtp;
  return { ...input, smtp: { ...smtp, password: password ?? stored.smtp.password } };
}

export function settingsView(settings: AlertSettings): AlertSettingsView {
  const { password, ...smtp } = settings.smtp;
  return { ...settings, smtp: { ...smtp, passwordSet: password !== '' } };
}
