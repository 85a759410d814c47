import { z } from '@hono/zod-openapi';
import { say, says } from '../http/language.js';
import { parseNetwork } from '../security/addresses.js';
import type { SettingsSection } from './section.js';

const DAY = 86_400;

/** The LAN: never banned unless the admin says otherwise (RFC 1918, IPv6 unique-local and link-local). */
export const LAN_NETWORKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fe80::/10'];

const network = z
  .string()
  .max(64)
  .refine((text) => parseNetwork(text) !== undefined, says({ de: 'Kein Netz der Form Adresse/Präfix (z. B. 192.168.0.0/16)', en: 'not a network of the form address/prefix (e.g. 192.168.0.0/16)' }));

const seconds = (min: number, max: number, fallback: number) => z.number().int().min(min).max(max).default(fallback);

/**
 * The SIP brute-force guard (docs/server.md, "Security"): an address is banned after `maxFailures`
 * failed authentications within `findSeconds`, for `banSeconds`; each ban of an address that was
 * banned before (within `rememberSeconds` of the end of its last ban) lasts `repeatFactor` times as
 * long as the one before, at most `maxBanSeconds`. Failures naming an account that the address has
 * a registered, authenticated contact of count only towards `maxFailuresRegistered`. Addresses in
 * `allowlist` are never banned. Takes effect at once (no publish).
 */
export const SecuritySettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    maxFailures: z.number().int().min(2).max(1000).default(10),
    findSeconds: seconds(1, DAY, 600),
    banSeconds: seconds(1, 30 * DAY, 900),
    repeatFactor: z.number().int().min(1).max(100).default(4),
    maxBanSeconds: seconds(1, 365 * DAY, 7 * DAY),
    rememberSeconds: seconds(0, 365 * DAY, 30 * DAY),
    maxFailuresRegistered: z.number().int().min(2).max(100_000).default(50),
    allowlist: z.array(network).max(100).default(LAN_NETWORKS),
  })
  .superRefine((s, ctx) => {
    if (s.maxBanSeconds < s.banSeconds) {
      ctx.addIssue({ code: 'custom', path: ['maxBanSeconds'], message: say({ de: 'Muss mindestens so groß sein wie banSeconds', en: 'must be at least banSeconds' }) });
    }
    if (s.maxFailuresRegistered < s.maxFailures) {
      ctx.addIssue({ code: 'custom', path: ['maxFailuresRegistered'], message: say({ de: 'Muss mindestens so groß sein wie maxFailures', en: 'must be at least maxFailures' }) });
    }
  })
  .openapi('SecuritySettings', {
    description:
      'The SIP brute-force guard: an address is banned (pjsip ACL, 403 to everything; and dropped by the kernel where the server may set nftables, see GET /security/bans `enforcement`) after `maxFailures` failed authentications within `findSeconds`, for `banSeconds`, each repeat `repeatFactor` times longer up to `maxBanSeconds` while the last ban is remembered (`rememberSeconds` after it ended). Failures naming an account the address has a registered, authenticated contact of count only towards `maxFailuresRegistered`. Networks in `allowlist` (address/prefix) are never banned; adding one lifts its bans. Takes effect with the next event, without a publish.',
  });

export type SecuritySettings = z.infer<typeof SecuritySettingsSchema>;

export const securitySection: SettingsSection<typeof SecuritySettingsSchema> = {
  id: 'security',
  label: { de: 'Schutz vor Passwort-Rateangriffen (SIP)', en: 'SIP brute-force protection' },
  schema: SecuritySettingsSchema,
};
