import { z } from '@hono/zod-openapi';
import { say, says } from '../../http/language.js';
import { RecordingPolicySchema } from '../../recordings/recording-policy.js';
import { EMERGENCY_ROUTE_ID } from '../../resources/emergency-route.js';


const pattern = z
  .string()
  .regex(
    /^(\+?[0-9*#]{1,32}|_[0-9XZN.!\[\]\-+*#]{1,40})$/,
    says({
      de: 'Ziffern oder ein Asterisk-Muster, das mit _ beginnt (X Z N . ! [1-5])',
      en: 'digits, or an Asterisk pattern starting with _ (X Z N . ! [1-5])',
    }),
  )
  // Asterisk warns that `_.` and `_!` catch its own special extensions (h, i, t, ...) too.
  .refine((p) => !/^_[.!]/.test(p), says({ de: 'Ein Muster darf nicht mit . oder ! beginnen: _X. fängt alle Nummern', en: 'a pattern must not start with . or !: _X. catches every number' }));

export const InboundRouteInputSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, says({ de: 'Nur Kleinbuchstaben, Ziffern und -', en: 'lower-case letters, digits and -' })),
    /** The dialled number as the trunk delivers it, or a pattern (`_X.` catches everything). */
    did: pattern,
    target: z.object({ type: z.enum(['flow', 'extension']), id: z.string().min(1).max(64) }),
    recording: RecordingPolicySchema,
    consentPrompt: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, says({ de: 'Die Kennung einer Ansage', en: 'the id of a prompt' }))
      .optional()
      .openapi({ description: 'A prompt (uploaded or spoken) the caller hears first, e.g. that the call may be recorded: the call is answered, the prompt played, then routed; a recording starts only after it' }),
  })
  .openapi('InboundRouteInput');
export const InboundRouteSchema = InboundRouteInputSchema.openapi('InboundRoute');
export type InboundRoute = z.infer<typeof InboundRouteSchema>;

export const OutboundRouteInputSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, says({ de: 'Nur Kleinbuchstaben, Ziffern und -', en: 'lower-case letters, digits and -' })),
    name: z.string().min(1).max(80),
    patterns: z.array(pattern).min(1),
    /** Tried in this order: the next one when a trunk is unavailable or congested. */
    trunks: z.array(z.string().min(1)).default([]),
    /** Digits removed from the front before dialling. */
    strip: z.number().int().min(0).max(10).default(0),
    prepend: z.string().regex(/^\+?[0-9]{0,16}$/, says({ de: 'Nur Ziffern', en: 'digits only' })).default(''),
    /** A blocking route refuses the numbers (never the emergency numbers). */
    block: z.boolean().default(false),
  })
  .superRefine((r, ctx) => {
    if (!r.block && r.trunks.length === 0 && r.id !== EMERGENCY_ROUTE_ID) {
      const message = say({ de: 'Mindestens eine Leitung angeben (oder „Sperren“ wählen)', en: 'name at least one trunk (or set block)' });
      ctx.addIssue({ code: 'custom', path: ['trunks'], message });
    }
  })
  .openapi('OutboundRouteInput');
export const OutboundRouteSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    patterns: z.array(z.string()),
    trunks: z.array(z.string()),
    strip: z.number(),
    prepend: z.string(),
    block: z.boolean(),
  })
  .openapi('OutboundRoute');
export type OutboundRoute = z.infer<typeof OutboundRouteSchema>;

/** Whether an Asterisk extension pattern (or literal number) matches `number`. */
export function patternMatches(pattern: string, number: string): boolean {
  if (!pattern.startsWith('_')) return pattern === number;
  let source = '^';
  const body = pattern.slice(1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === 'X') source += '[0-9]';
    else if (ch === 'Z') source += '[1-9]';
    else if (ch === 'N') source += '[2-9]';
    else if (ch === '.') source += '.+';
    else if (ch === '!') source += '.*';
    else if (ch === '[') {
      const end = body.indexOf(']', i);
      source += `[${body.slice(i + 1, end === -1 ? undefined : end)}]`;
      i = end === -1 ? body.length : end;
    } else source += ch.replace(/[*+#]/g, '\\$&');
  }
  return new RegExp(`${source}$`).test(number);
}

/**
 * What Asterisk sees in an extension name or pattern, as a comparable key: two entries with the
 * same key are one extension to it (pbx.c ext_cmp: `-` is ignored, N/X/Z and `[...]` compare as
 * character sets), so the second would be refused with "already in use".
 */
export function patternKey(pattern: string): string {
  if (!pattern.startsWith('_')) return `=${pattern.replace(/-/g, '')}`;
  const positions: string[] = [];
  const body = pattern.slice(1);
  const set = (chars: string) => [...new Set(chars)].sort().join('');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '-') continue;
    if (ch === 'X' || ch === 'x') positions.push(set('0123456789'));
    else if (ch === 'Z' || ch === 'z') positions.push(set('123456789'));
    else if (ch === 'N' || ch === 'n') positions.push(set('23456789'));
    else if (ch === '.' || ch === '!') positions.push(`(${ch})`);
    else if (ch === '[') {
      const end = body.indexOf(']', i);
      const inner = body.slice(i + 1, end === -1 ? undefined : end);
      let chars = '';
      for (let j = 0; j < inner.length; j++) {
        if (j + 2 < inner.length && inner[j + 1] === '-') {
          for (let c = inner.charCodeAt(j); c <= inner.charCodeAt(j + 2); c++) chars += String.fromCharCode(c);
          j += 2;
        } else chars += inner[j];
      }
      i = end === -1 ? body.length : end;
      // An empty set is skipped, as Asterisk does.
      if (chars) positions.push(set(chars));
    } else positions.push(ch);
  }
  return `_${positions.join('|')}`;
}

