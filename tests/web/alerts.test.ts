/**
 * The dashboard's open alerts in headless Chromium against the real server and Asterisk: a low-disk alert (the
 * threshold raised over the real free space of DATA_DIR) shows in the UI language, and the Alerts
 * page lists it and shows the SMTP form with the stored password kept out of sight.
 * Needs Debian chromium and a running Asterisk (asterisk.sh start + env); with CI=true a missing one fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { serverAsteriskEnv } from '../support/local-asterisk.js';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

const availability = await detectAsterisk();

describeWithAsterisk(availability, 'alerts in the browser', () => {
  it('has chromium, or is not in CI', () => {
    if (process.env.CI === 'true') expect(hasChromium(), 'install Debian chromium: apt-get install chromium').toBe(true);
  });

  describe.skipIf(!hasChromium())('in Chromium', () => {
    let web: WebSession;

    beforeAll(async () => {
      web = await openWebSession(serverAsteriskEnv(), { ariRuntime: false, alerts: { intervalMs: 200 } });
      await web.server.ok('/alerts/settings', { method: 'PUT', json: { smtp: { host: 'mail.example.com', user: 'pbx', password: 'smtp-secret-9' }, diskMinFreeMb: 10_000_000 } });
    });
    afterAll(async () => {
      await web?.close();
    });

    it('shows the open alert on the dashboard and in the Alerts page', async () => {
      const { page } = web;
      await page.goto(web.server.server.url);
      await page.getByRole('navigation').getByRole('link', { name: 'Dashboard', exact: true }).click();
      const panel = page.getByRole('region', { name: 'Offene Alarme' });
      await poll(() => panel.textContent()).toContain(`Wenig freier Speicher für die Daten des Servers (${web.server.dataDir})`);
      await web.shot('17-6-dashboard-alert');

      await page.getByRole('navigation').getByRole('link', { name: 'Alarme', exact: true }).click();
      const alerts = page.getByRole('region', { name: 'Alarme' });
      await poll(() => alerts.getByRole('table').textContent()).toContain('Wenig freier Speicher');
      expect(await alerts.getByLabel('SMTP-Server').inputValue()).toBe('mail.example.com');
      expect(await alerts.getByLabel('Passwort').inputValue()).toBe('');
      expect(await alerts.getByLabel('Passwort').getAttribute('placeholder')).toContain('gespeichert');
      expect(await page.content()).not.toContain('smtp-secret-9');
      expect(web.errors).toEqual([]);
    });
  });
});
