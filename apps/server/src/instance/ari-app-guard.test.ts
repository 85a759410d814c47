import { describe, expect, it } from 'vitest';
import type { Ari } from '../asterisk/ari.js';
import { refuseIfAppsTaken } from './ari-app-guard.js';
import { StartRefused } from './start-refused.js';

/** An ARI whose GET /applications answers each listing in turn (the last one again and again). */
function listing(...answers: Array<string[] | Error>): Ari & { asked: number } {
  const ari = {
    asked: 0,
    ping: async () => true,
    reloadModule: async () => undefined,
    endpointNames: async () => new Set<string>(),
    async request(method: string, path: string) {
      expect(`${method} ${path}`).toBe('GET /applications');
      const answer = answers[Math.min(ari.asked++, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return { status: 200, body: answer.map((name) => ({ name, channel_ids: [] })) };
    },
  };
  return ari;
}

const apps = { flows: 'swf', marker: 'swf-visits' };
const options = { retryMs: 1, attempts: 3, log: () => undefined };

describe('refuseIfAppsTaken', () => {
  it('refuses, in both languages, while a live server holds the apps (its visit watcher is listed)', async () => {
    const ari = listing(['other', 'swf', 'swf-visits']);
    const refused = await refuseIfAppsTaken(ari, apps, options).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StartRefused);
    expect((refused as StartRefused).text).toEqual({
      en: expect.stringContaining('Asterisk already has the Stasis app "swf", "swf-visits" registered by another live process'),
      de: expect.stringContaining('Asterisk hat die Stasis-App "swf", "swf-visits" schon für einen anderen laufenden Prozess registriert'),
    });
    expect(ari.asked).toBe(3);
  });

  it('starts once a just-stopped server is unregistered', async () => {
    const ari = listing(['swf', 'swf-visits'], []);
    await refuseIfAppsTaken(ari, apps, options);
    expect(ari.asked).toBe(2);
  });

  it('starts when only the flows app is listed: Asterisk keeps a deactivated app while channels it watched live', async () => {
    await refuseIfAppsTaken(listing(['swf']), apps, options);
  });

  it('starts when ARI does not answer, and says so', async () => {
    const lines: string[] = [];
    await refuseIfAppsTaken(listing(new Error('no answer within 10000 ms')), apps, { ...options, log: (line) => lines.push(line) });
    expect(lines).toEqual(['[runtime] could not ask Asterisk which Stasis apps it has (no answer within 10000 ms); starting anyway']);
  });
});
