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
    enforced: z.boolean().openapi({ description: 'an enforcement refuses the address (false until the first has taken it, and without Asterisk)' }),
    enforcedAt: z.string().optional().openapi({ description: 'ISO time the first enforcement took the address, as this server process saw it' }),
    enforcedBy: z
      .object({ acl: z.string().optional(), kernel: z.string().optional() })
      .openapi({ description: "the enforcements that refuse the address now, each with the ISO time it took it (`acl`: Asterisk's reload returned; `kernel`: nft applied the set)" }),
  })
  .openapi('Ban');

export const EnforcementSchema = z.enum(['acl', 'kernel']).openapi('BanEnforcement');

export const BansSchema = z
  .object({
    watching: z.boolean().openapi({ description: "whether Asterisk's security events arrive (the AMI login is up)" }),
    enforcement: z.array(EnforcementSchema).openapi({
      description:
        "how bans are enforced: `acl` (Asterisk's pjsip ACL answers a banned address 403) and `kernel` (nftables drops its packets to the SIP ports before Asterisk sees them; only when the server runs as root or with CAP_NET_ADMIN, and KERNEL_BANS is not off). Empty without Asterisk.",
    }),
    bans: z.array(BanSchema),
  })
  .openapi('Bans');

export const LiftSchema = z
  .object({
    address: z.string(),
    live: z.boolean().openapi({
      description: 'every enforcement took the change (the ACL reloaded, the kernel set replaced); false: one did not (Asterisk did not answer: it takes it when it does, or at its next start)',
    }),
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
