import { randomBytes, randomInt } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { say, says, type Bilingual } from '../../http/language.js';
import { RecordingPolicySchema } from '../../recordings/recording-policy.js';

export const CODECS = ['ulaw', 'alaw', 'opus', 'gsm'] as const;
export const DEFAULT_EXTENSION_CONTEXT = 'stumpfworks-internal';

const NUMBER_IN_SECRET: Bilingual = { de: 'darf die Nebenstellennummer nicht enthalten', en: 'must not contain the extension number' };

/** Why a SIP secret is too weak (in both languages), or undefined when it is strong enough. */
export function secretWeakness(secret: string, number?: string): Bilingual | undefined {
  if (secret.length < 16) return { de: 'mindestens 16 Zeichen', en: 'must be at least 16 characters' };
  if (!/^[\x21-\x7e]+$/.test(secret)) return { de: 'nur druckbare ASCII-Zeichen ohne Leerzeichen', en: 'printable ASCII without spaces only' };
  if (/[;#"\\]/.test(secret)) return { de: 'darf ; # " und \\ nicht enthalten', en: 'must not contain ; # " or \\' };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(secret)).length;
  if (classes < 3) {
    return {
      de: 'braucht mindestens drei von: Kleinbuchstaben, Großbuchstaben, Ziffern, Sonderzeichen',
      en: 'needs at least three of: lower case, upper case, digits, symbols',
    };
  }
  if (new Set(secret).size < 8) return { de: 'zu viele wiederholte Zeichen', en: 'too many repeated characters' };
  if (number && secret.includes(number)) return NUMBER_IN_SECRET;
  return undefined;
}

/** A weakness as the message of the secret field, in the request's language. */
const weakSecret = (weak: Bilingual) => say({ de: `Unsicheres Passwort: ${weak.de}`, en: `weak secret: ${weak.en}` });

/** What reads show instead of a stored secret or password: it is shown once, when generated. */
export const HIDDEN_SECRET = '********';

/** A random secret of 24 characters that passes secretWeakness. */
export function generateSecret(): string {
  for (;;) {
    // 24 random characters of [A-Za-z0-9]; the rare draw without three character classes is drawn again.
    const candidate = randomBytes(24).toString('base64').replace(/[+/=]/g, '').slice(0, 24);
    if (!secretWeakness(candidate)) return candidate;
  }
}

/** Why a voicemail PIN is too easy to guess (in both languages), or undefined. */
export function pinWeakness(pin: string, box?: string): Bilingual | undefined {
  if (!/^[0-9]{4,10}$/.test(pin)) return { de: 'Muss aus 4 bis 10 Ziffern bestehen', en: 'must be 4 to 10 digits' };
  if (new Set(pin).size === 1) return { de: 'Nicht nur eine wiederholte Ziffer', en: 'not one digit repeated' };
  const steps = [...pin].slice(1).map((d, i) => (Number(d) - Number(pin[i]) + 10) % 10);
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return { de: 'Keine auf- oder absteigende Ziffernfolge', en: 'no ascending or descending run of digits' };
  if (box && pin === box) return { de: 'Nicht die Nummer der Mailbox', en: 'not the number of the mailbox' };
  return undefined;
}

/**
 * How the box's messages are mailed (voicemail-mail/): to `email`, with the audio attached as WAV
 * (absent: wav), MP3 or not at all, in German or English (absent: de); `deleteAfterMail` removes a
 * message from the box once the SMTP server accepted its mail.
 */
const VoicemailMailFields = {
  attachment: z.enum(['wav', 'mp3', 'none']).optional().openapi({ description: 'The audio in the mail: wav (the default), mp3 or none' }),
  mailLanguage: z.enum(['de', 'en']).optional().openapi({ description: "The mail's language (default de)" }),
  deleteAfterMail: z.boolean().optional().openapi({ description: 'Remove the message from the box once its mail was accepted (needs an email and an attachment)' }),
};

function checkVoicemailMail(v: { email?: string; attachment?: string; deleteAfterMail?: boolean }, ctx: z.RefinementCtx): void {
  if (!v.deleteAfterMail) return;
  if (!v.email) {
    ctx.addIssue({ code: 'custom', path: ['email'], message: say({ de: 'Löschen nach dem Mailen braucht eine E-Mail-Adresse', en: 'delete after mail needs an email address' }) });
  }
  if (v.attachment === 'none') {
    ctx.addIssue({
      code: 'custom',
      path: ['attachment'],
      message: say({ de: 'Löschen nach dem Mailen braucht die Nachricht als Anhang, sonst ginge sie verloren', en: 'delete after mail needs the message attached, or it would be lost' }),
    });
  }
}

/** A random 6-digit PIN that passes pinWeakness (shown once, like a generated SIP secret). */
export function generatePin(box?: string): string {
  for (;;) {
    const candidate = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (!pinWeakness(candidate, box)) return candidate;
  }
}

/**
 * A PIN as the extension API takes it: 4 to 10 digits, as it always did (stored boxes and scripts
 * keep working); HIDDEN_SECRET (what reads show) keeps the stored one. Generated PINs and those set
 * through PUT /voicemail/{box}/pin also pass pinWeakness.
 */
export const PinSchema = z.string().superRefine((value, ctx) => {
  if (value !== HIDDEN_SECRET && !/^[0-9]{4,10}$/.test(value)) ctx.addIssue({ code: 'custom', message: say({ de: 'Muss aus 4 bis 10 Ziffern bestehen', en: 'must be 4 to 10 digits' }) });
});

export const VoicemailSchema = z
  .object({
    enabled: z.boolean().default(false),
    pin: PinSchema.optional().openapi({ description: 'Generated (6 digits, shown once) when a box is turned on without one; left out or "********", the stored one stays' }),
    email: z.email().optional(),
    ...VoicemailMailFields,
  })
  .superRefine(checkVoicemailMail);

export const ExtensionInputSchema = z
  .object({
    id: z
      .string()
      .regex(/^[1-9][0-9]{1,5}$/, says({ de: 'Eine Nebenstellennummer hat 2 bis 6 Ziffern und beginnt nicht mit 0', en: 'an extension number has 2 to 6 digits and does not start with 0' }))
      .openapi({ example: '1000' }),
    name: z.string().min(1).max(80).regex(/^[^\n\r;"<>]+$/, says({ de: 'Keine Zeilenumbrüche, ; " < oder >', en: 'no line breaks, ; " < or >' })),
    callerId: z.string().max(80).regex(/^[^\n\r;]*$/, says({ de: 'Keine Zeilenumbrüche oder ;', en: 'no line breaks or ;' })).optional(),
    secret: z
      .string()
      .superRefine((secret, ctx) => {
        const weak = secretWeakness(secret);
        if (weak) ctx.addIssue({ code: 'custom', message: weakSecret(weak) });
      })
      .optional()
      .openapi({ description: 'Generated (24 characters) when left out' }),
    codecs: z.array(z.enum(CODECS)).min(1).default(['ulaw', 'alaw']),
    context: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,79}$/, says({ de: 'Nur Buchstaben, Ziffern, - und _', en: 'letters, digits, - and _ only' }))
      .default(DEFAULT_EXTENSION_CONTEXT),
    voicemail: VoicemailSchema.default({ enabled: false }),
    webrtc: z.boolean().default(false),
    directMedia: z
      .boolean()
      .default(false)
      .openapi({ description: 'Let two phones send their media to each other (not across NAT, and calls then bypass recording); off: media goes through Asterisk' }),
    recording: RecordingPolicySchema,
  })
  .superRefine((v, ctx) => {
    if (v.secret !== undefined && v.secret.includes(v.id)) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: weakSecret(NUMBER_IN_SECRET) });
    }
    if (new Set(v.codecs).size !== v.codecs.length) {
      ctx.addIssue({ code: 'custom', path: ['codecs'], message: say({ de: 'Ein Codec ist doppelt angegeben', en: 'a codec is listed twice' }) });
    }
  })
  .openapi('ExtensionInput');

export const ExtensionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    callerId: z.string(),
    secret: z.string(),
    codecs: z.array(z.enum(CODECS)),
    context: z.string(),
    voicemail: z.object({ enabled: z.boolean(), pin: z.string().optional(), email: z.string().optional(), ...VoicemailMailFields }),
    webrtc: z.boolean(),
    directMedia: z.boolean(),
    recording: RecordingPolicySchema,
  })
  .openapi('Extension');

export type Extension = z.infer<typeof ExtensionSchema>;
