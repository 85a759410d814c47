import { z } from '@hono/zod-openapi';
import { say, says, type Bilingual } from '../../http/language.js';
import { RecordingPolicySchema } from '../../recordings/recording-policy.js';
import { CODECS } from '../extensions/extensions.schema.js';
import { TRUNK_PRESET_IDS } from './trunk-presets.js';

const host = z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, says({ de: 'Ein Hostname oder eine IPv4-Adresse', en: 'a host name or IPv4 address' }));
/**
 * A SIP user name as both a SIP URI's user part (RFC 3261) and Asterisk's from_user take it: letters,
 * digits, - . _ ~ ! $ & ' ( ) * + , = and %XX escapes; no `;` (a .conf comment) and no `:`.
 */
const sipUser = z
  .string()
  .max(128)
  .regex(/^([A-Za-z0-9\-._~!$&'()*+,=]|%[0-9A-Fa-f]{2})+$/, says({ de: "Buchstaben, Ziffern, - . _ ~ ! $ & ' ( ) * + , = und %XX", en: "letters, digits, - . _ ~ ! $ & ' ( ) * + , = and %XX" }));
/** A password: printable ASCII, no spaces and none of ; # " \\ (.conf syntax). */
const password = z.string().regex(/^[\x21-\x7e]{1,128}$/, says({ de: 'Druckbare ASCII-Zeichen ohne Leerzeichen', en: 'printable ASCII without spaces' })).regex(/^[^;#"\\]*$/, says({ de: 'Keine ; # " oder \\', en: 'no ; # " or \\' }));

const TrunkFields = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, says({ de: 'Nur Kleinbuchstaben, Ziffern und -, am Anfang ein Buchstabe', en: 'lower-case letters, digits and -, starting with a letter' })),
  name: z.string().min(1).max(80),
  type: z.enum(['registration', 'ip']),
  preset: z.enum(TRUNK_PRESET_IDS).optional(),
  server: host.optional(),
  port: z.number().int().min(1).max(65535).optional(),
  realm: host.optional(),
  /** udp (the base transport), tcp (same port) or tls (port + 1, provider verified against the system CA bundle). */
  transport: z.enum(['udp', 'tcp', 'tls']).optional(),
  username: sipUser.optional(),
  password: password.optional(),
  /** The caller number sent out (e.g. the main number). */
  callerId: z.string().regex(/^\+?[0-9]{2,20}$/, says({ de: 'Ziffern, auf Wunsch mit + am Anfang', en: 'digits, optionally starting with +' })).optional(),
  codecs: z.array(z.enum(CODECS)).min(1).optional(),
  recording: RecordingPolicySchema,
});

/** Shared with the PUT check that no password is stored either. */
export const NEEDS_PASSWORD: Bilingual = { de: 'Eine Leitung mit Registrierung braucht ein Passwort', en: 'a registration trunk needs a password' };

/** The checks of a new trunk; a replaced one may leave out the password (`needsPassword` false) to keep the stored one. */
function trunkChecks(needsPassword: boolean) {
  return (t: z.infer<typeof TrunkFields>, ctx: z.RefinementCtx) => {
    if (!t.preset && !t.server) ctx.addIssue({ code: 'custom', path: ['server'], message: say({ de: 'Bitte ausfüllen, wenn keine Anbieter-Vorlage gewählt ist', en: 'required unless a preset is chosen' }) });
    if (t.type === 'registration') {
      if (!t.username) ctx.addIssue({ code: 'custom', path: ['username'], message: say({ de: 'Eine Leitung mit Registrierung braucht einen Benutzernamen', en: 'a registration trunk needs a username' }) });
      if (needsPassword && !t.password) ctx.addIssue({ code: 'custom', path: ['password'], message: say(NEEDS_PASSWORD) });
    }
  };
}

export const TrunkInputSchema = TrunkFields.superRefine(trunkChecks(true)).openapi('TrunkInput');

/** PUT: like TrunkInput, but without `password` (or with the `********` a read shows) the stored password stays. */
export const TrunkReplaceSchema = TrunkFields.superRefine(trunkChecks(false)).openapi('TrunkReplace');

export const TrunkSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(['registration', 'ip']),
    preset: z.enum(TRUNK_PRESET_IDS).optional(),
    server: z.string(),
    port: z.number(),
    realm: z.string().optional(),
    transport: z.enum(['udp', 'tcp', 'tls']),
    username: z.string().optional(),
    password: z.string().optional(),
    callerId: z.string().optional(),
    codecs: z.array(z.enum(CODECS)),
    recording: RecordingPolicySchema,
  })
  .openapi('Trunk');

export type Trunk = z.infer<typeof TrunkSchema>;
