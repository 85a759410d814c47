import type { Ari } from '../asterisk/ari.js';
import { StartRefused } from './start-refused.js';

export interface AppGuardOptions {
  /** Asks again this often while the apps are listed (a server that just stopped is still being unregistered). */
  retryMs?: number;
  /** How many times it asks before it refuses. */
  attempts?: number;
  log: (line: string) => void;
}

/**
 * Refuses to start when a live process (another server with the same ARI_APP, on this DATA_DIR or
 * another) has our apps registered: starting would take its calls over, and when either stopped,
 * Asterisk would drop the app and every `ari` flow would go to the fallback.
 *
 * The sign of a live owner is the visit watcher's app (`marker`), not the flows app: Asterisk
 * keeps a deactivated app listed while channels it was subscribed to live (calls a stopped server
 * left in Stasis or in a hand-over), and a finished one until its next lazy cleanup, so a listed
 * flows app may belong to nobody. The watcher's only subscription is to all channels, which
 * Asterisk removes when its socket closes, so it is listed exactly while its socket is open (read
 * in res_stasis.c/app.c; see docs/ari-runtime.md). That happens a moment after the close, so the
 * listing is asked a few times (default 6 × 500 ms) before it counts. If ARI does not answer, the
 * server starts (it runs without Asterisk too); the runtime then watches the apps itself.
 */
export async function refuseIfAppsTaken(ari: Ari, apps: { flows: string; marker: string }, options: AppGuardOptions): Promise<void> {
  const attempts = options.attempts ?? 6;
  for (let attempt = 1; ; attempt++) {
    let listed: string[];
    try {
      listed = await registeredApps(ari);
    } catch (error) {
      options.log(`[runtime] could not ask Asterisk which Stasis apps it has (${(error as Error).message}); starting anyway`);
      return;
    }
    if (!listed.includes(apps.marker)) return;
    const taken = [apps.flows, apps.marker].filter((app) => listed.includes(app));
    if (attempt >= attempts) throw new StartRefused(refusal(taken));
    await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 500));
  }
}

async function registeredApps(ari: Ari): Promise<string[]> {
  const { status, body } = await ari.request('GET', '/applications');
  if (status !== 200 || !Array.isArray(body)) throw new Error(`GET /applications answered ${status}`);
  return body.map((app) => (app as { name?: unknown }).name).filter((name): name is string => typeof name === 'string');
}

function refusal(taken: string[]) {
  const names = taken.map((app) => `"${app}"`).join(', ');
  return {
    en: `Asterisk already has the Stasis app ${names} registered by another live process (another StumpfWorks VoIP server with the same ARI_APP?). Starting would take its calls over. Stop that server, or give this one its own ARI_APP. Not starting.`,
    de: `Asterisk hat die Stasis-App ${names} schon für einen anderen laufenden Prozess registriert (ein anderer StumpfWorks-VoIP-Server mit derselben ARI_APP?). Ein Start würde ihm die Anrufe wegnehmen. Jenen Server beenden oder diesem eine eigene ARI_APP geben. Start abgebrochen.`,
  };
}
