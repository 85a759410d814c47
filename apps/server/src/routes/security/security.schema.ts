import { z } from '@hono/zod-openapi';
import { says } from '../../http/language.js';
import { normaliseAddress } from '../../security/addresses.js';

export const BanParams = z.object({
  address: z
    .string()
    .max(64)
    .refine((text) => normaliseAddress(text) !== undefined, says({ de: 'Keine IP-Adresse', en: 'not an IP address' }))
    .openapi({ param: { name: 'address', in: 'path' }, example: '203.0.113.7' }),
});

export const BanSchema = z
  .object({
    address: z.string(),
    /** In the request's language, e.g. "12 failed authentications (ChallengeResponseFailed ×12; accounts 1002)". */
    reason: z.string(),
    since: z.string().openapi({ description: 'ISO time the ban began' }),
    until: z.string().openapi({ description: 'ISO time it ends' }),
    failures: z.number().openapi({ description: 'the failed authentications that led to it' }),
    repeat: z.number().openapi({ description: 'earlier bans of this address that made this one longer (0: first)' }),
    events: z.record(z.string(), z.number()).openapi({ description: "the failures by Asterisk's event name" }),
    accounts: z.array(z.string()).openapi({ description: 'the accounts the failures named (caller-chosen text)' }),
    registered: z.boolean().openapi({ description: 'the address had a registered contact of a named account (the higher limit applied)' }),
    enforced: z.boolean().openapi({ description: 'Asterisk denies the address (false while its ACL reloads, and without Asterisk)' }),
    enforcedAt: z.string().optional().openapi({ description: 'ISO time Asterisk took the ACL with the address (the reload returned), as this server process saw it' }),
  })
  .openapi('Ban');

export const BansSchema = z
  .object({
    watching: z.boolean().openapi({ description: "whether Asterisk's security events arrive (the AMI login is up)" }),
    bans: z.array(BanSchema),
  })
  .openapi('Bans');

export const LiftSchema = z
  .object({
    address: z.string(),
    live: z.boolean().openapi({ description: 'Asterisk took the changed ACL; false: it did not answer, and takes it when it does (or at its next start)' }),
  })
  .openapi('LiftedBan');

export const SecurityEventsQuery = z.object({
  last: z.coerce.number().int().min(1).max(200).default(50),
});

export const SecurityEventSchema = z
  .object({
    time: z.string(),
    event: z.string(),
    address: z.string(),
    account: z.string().optional(),
    outcome: z.enum(['counted', 'banned', 'exempt', 'allowlisted', 'already-banned', 'disabled', 'success']),
  })
  .openapi('SecurityEvent');
