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
 * Refuses to start when Asterisk already has one of our Stasis apps registered: a live process
 * (another server with the same ARI_APP, on this DATA_DIR or another) holds it, and starting would
 * take its calls over; when that one stopped, Asterisk would drop the app and every `ari` flow
 * would go to the fallback. Asterisk unregisters an app as soon as its socket closes, so the
 * listing is asked a few times (default 6 × 500 ms) before it counts. If ARI does not answer, the
 * server starts (it runs without Asterisk too); the runtime then watches the apps itself.
 */
export async function refuseIfAppsTaken(ari: Ari, apps: string[], options: AppGuardOptions): Promise<void> {
  const attempts = options.attempts ?? 6;
  for (let attempt = 1; ; attempt++) {
    let listed: string[];
    try {
      listed = await registeredApps(ari);
    } catch (error) {
      options.log(`[runtime] could not ask Asterisk which Stasis apps it has (${(error as Error).message}); starting anyway`);
      return;
    }
    const taken = apps.filter((app) => listed.includes(app));
    if (taken.length === 0) return;
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
