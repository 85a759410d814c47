import { z } from 'zod';
import { bilingual } from './messages.js';

/** Flow and node ids: short, lower-case slugs, so they fit in Asterisk context names (max 79 chars). */
export const idSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,31}$/,
    bilingual({
      de: 'Verwenden Sie 1 bis 32 Kleinbuchstaben, Ziffern, "-" oder "_", am Anfang einen Buchstaben oder eine Ziffer',
      en: 'use 1-32 lower-case letters, digits, "-" or "_", starting with a letter or digit',
    }),
  );

/**
 * Names Asterisk or the engines use themselves. A flow variable by such a name would mean
 * something else in the dialplan than in the simulator, so it is refused.
 */
export const RESERVED_VARIABLES = [
  'DIALSTATUS', 'QUEUESTATUS', 'VMSTATUS', 'READSTATUS', 'PLAYBACKSTATUS', 'EXTEN', 'CONTEXT', 'PRIORITY',
  'UNIQUEID', 'CHANNEL', 'EPOCH', 'CALLERID', 'LANGUAGE', 'HANGUPCAUSE', 'DIALEDPEERNUMBER', 'DIRECT_EXTENSION',
] as const;

/** True for a name that a flow may not use for its own variables. */
export function isReservedVariable(name: string): boolean {
  return name.startsWith('SWF_') || (RESERVED_VARIABLES as readonly string[]).includes(name);
}

/** Flow variable names: upper-case, as Asterisk channel variables. */
export const variableNameSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,30}$/, bilingual({ de: 'Verwenden Sie Großbuchstaben, Ziffern und "_", am Anfang einen Buchstaben', en: 'use upper-case letters, digits and "_", starting with a letter' }))
  .refine(
    (name) => !isReservedVariable(name),
    bilingual({
      de: 'Dieser Name ist reserviert (SWF_*, DIALSTATUS, EXTEN, ...); wählen Sie einen anderen',
      en: 'this name is reserved (SWF_*, DIALSTATUS, EXTEN, ...); choose another',
    }),
  );

/** Dialable numbers: extensions, DIDs, mailboxes, queue-less digits. */
export const numberSchema = z.string().regex(/^\+?[0-9]{1,20}$/, bilingual({ de: 'Nur Ziffern, auf Wunsch mit "+" am Anfang', en: 'digits only, optionally starting with "+"' }));

export const extensionSchema = z.string().regex(/^[0-9]{2,8}$/, bilingual({ de: 'Eine Nebenstelle hat 2 bis 8 Ziffern', en: 'an extension has 2-8 digits' }));

/**
 * Text that reaches the dialplan verbatim (prompt texts excepted). Characters that Asterisk
 * would expand or split on are refused, so the same string means the same thing in every engine.
 */
export const safeTextSchema = z
  .string()
  .max(200)
  .regex(
    /^[^"$\\{}\[\],;|\n\r]*$/,
    bilingual({
      de: 'Darf keine Zeichen " $ \\ { } [ ] , ; | und keine Zeilenumbrüche enthalten',
      en: 'must not contain " $ \\ { } [ ] , ; | or line breaks',
    }),
  );
