/**
 * ARI event sockets on Asterisk 22.10 while device states change.
 *
 * With `subscribeAll`, an app is subscribed to every device state, and a device state event sent
 * to it while an event socket opens or closes deadlocks res_stasis_device_state against res_ari:
 * from then on no event socket opens until Asterisk restarts (docs/ari-runtime.md, "Known
 * limits"). So neither the runtime nor the tests' client ask for it: they subscribe to channels
 * (bridges, endpoints) only. This test keeps sockets opening and closing, subscribed the way the
 * tests' client does, while device states change all the time, and every socket must open.
 * With the client switched to subscribeAll, this test wedged Asterisk in one of two runs (and a
 * tighter loop outside the suite within a second, every time).
 */
import { expect, it } from 'vitest';
import { AriClient } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';

const availability = await detectAsterisk();

/** How long the churn runs. */
const CHURN_MS = 4000;

describeWithAsterisk(availability, 'ARI event sockets while device states change', (asterisk) => {
  it('keep opening and closing (subscribed to channels, bridges and endpoints, not subscribeAll)', async () => {
    const control = await AriClient.connect('swf-probe-sockets-control', asterisk);
    const until = Date.now() + CHURN_MS;
    let opened = 0;
    let changes = 0;
    try {
      const sockets = async (worker: number) => {
        while (Date.now() < until) {
          const client = await AriClient.connect(`swf-probe-sockets-${worker}`, asterisk); // fails after 10 s unanswered
          opened++;
          await client.close();
        }
      };
      const deviceStates = async (worker: number) => {
        for (let i = 0; Date.now() < until; i++) {
          const state = i % 2 === 0 ? 'INUSE' : 'NOT_INUSE';
          await control.request('PUT', `/deviceStates/Stasis:swf-probe-${worker}-${i % 4}`, { query: { deviceState: state } });
          changes++;
        }
      };
      await Promise.all([sockets(1), sockets(2), sockets(3), deviceStates(1), deviceStates(2)]);
      expect(opened).toBeGreaterThan(3);
      expect(changes).toBeGreaterThan(10);
      // Afterwards Asterisk still opens sockets and lists the apps (both hang once it is wedged).
      const after = await AriClient.connect('swf-probe-sockets-after', asterisk);
      await after.close();
      const apps = (await control.request('GET', '/applications')) as Array<{ name: string }>;
      expect(apps.map((app) => app.name)).toContain('swf-probe-sockets-control');
    } finally {
      for (let worker = 1; worker <= 2; worker++) {
        for (let i = 0; i < 4; i++) await control.request('DELETE', `/deviceStates/Stasis:swf-probe-${worker}-${i}`).catch(() => undefined);
      }
      await control.close();
    }
  });
});
