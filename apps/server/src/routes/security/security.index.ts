import type { AppDeps } from '../../http/app-env.js';
import { AppError } from '../../errors.js';
import { say, type Bilingual } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import { normaliseAddress } from '../../security/addresses.js';
import type { BanView } from '../../security/ban-guard.js';
import { liftBan, listBans, securityEvents } from './security.routes.js';

/** Why an address is banned, in the request's language. */
function reasonOf(ban: Omit<BanView, 'enforcedAt' | 'enforcedBy'>): string {
  const events = Object.entries(ban.events)
    .map(([event, n]) => `${event} ×${n}`)
    .join(', ');
  const accounts = ban.accounts.length > 0 ? `; ${ban.accounts.join(', ')}` : '';
  const text: Bilingual = {
    de: `${ban.failures} fehlgeschlagene Anmeldungen (${events}${accounts})${ban.repeat > 0 ? `, ${ban.repeat + 1}. Sperre` : ''}`,
    en: `${ban.failures} failed authentications (${events}${accounts})${ban.repeat > 0 ? `, ban number ${ban.repeat + 1}` : ''}`,
  };
  return say(text);
}

/** GET /security/bans, DELETE /security/bans/{address}, GET /security/events: the SIP brute-force guard. */
export function securityRouter(deps: Pick<AppDeps, 'security'>) {
  const router = createRouter();
  router.openapi(listBans, (c) => {
    const bans = deps.security?.guard.list() ?? [];
    return c.json(
      {
        watching: deps.security?.watching() ?? false,
        enforcement: deps.security?.enforcement ?? [],
        bans: bans.map(({ enforcedAt, enforcedBy, ...b }) => ({
          ...b,
          reason: reasonOf(b),
          since: new Date(b.since).toISOString(),
          until: new Date(b.until).toISOString(),
          ...(enforcedAt !== undefined ? { enforcedAt: new Date(enforcedAt).toISOString() } : {}),
          enforcedBy: Object.fromEntries(Object.entries(enforcedBy).map(([kind, at]) => [kind, new Date(at).toISOString()])),
        })),
      },
      200,
    );
  });
  router.openapi(liftBan, async (c) => {
    const address = normaliseAddress(c.req.valid('param').address)!;
    const result = deps.security ? await deps.security.guard.lift(address) : { lifted: false, live: true };
    if (!result.lifted) throw new AppError('not-found', say({ de: `${address} ist nicht gesperrt`, en: `${address} is not banned` }));
    return c.json({ address, live: result.live }, 200);
  });
  router.openapi(securityEvents, (c) => {
    const { last } = c.req.valid('query');
    const events = (deps.security?.guard.recent() ?? []).slice(0, last);
    return c.json(
      events.map((e) => ({ ...e, time: new Date(e.time).toISOString() })),
      200,
    );
  });
  return router;
}
