/**
 * The dashboard's open alerts in headless Chromium against the real server and Asterisk: a low-disk alert (the
 * threshold raised over the real free space of DATA_DIR) shows in the UI language, and the Alerts
 * page lists it and shows the SMTP form with the stored password kept out of sight; its test
 * button sends a real mail to an SMTP server on loopback (npm smtp-server).
 * Needs Debian chromium and a running Asterisk (asterisk.sh start + env); with CI=true a missing one fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, subjectOf, type SmtpSink } from '../../apps/server/src/alerts/smtp-sink.fixture.js';
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
    let smtp: SmtpSink;

    beforeAll(async () => {
      smtp = await startSmtpSink('pbx', 'smtp-secret-9');
      web = await openWebSession(serverAsteriskEnv(), { ariRuntime: false, alerts: { intervalMs: 200 } });
      await web.server.ok('/alerts/settings', { method: 'PUT', json: { smtp: { host: 'mail.example.com', user: 'pbx', password: 'smtp-secret-9' }, diskMinFreeMb: 10_000_000 } });
    });
    afterAll(async () => {
      await web?.close();
      await smtp?.close();
    });

    it('shows the open alert on the dashboard and in the Alerts page', async () => {
      const { page } = web;
      await page.goto(web.server.server.url);
      await page.getByRole('navigation').getByRole('link', { name: 'Dashboard', exact: true }).click();
      const panel = page.getByRole('region', { name: 'Offene Alarme' });
      // DATA_DIR and the spool are one alert when they share a file system.
      await poll(() => panel.textContent()).toMatch(new RegExp(`Wenig freier Speicher für die Daten des Servers.* \\(${web.server.dataDir}[,)]`));
      await web.shot('17-6-dashboard-alert');

      await page.getByRole('navigation').getByRole('link', { name: 'Alarme', exact: true }).click();
      const alerts = page.getByRole('region', { name: 'Alarme' });
      await poll(() => alerts.getByRole('table').textContent()).toContain('Wenig freier Speicher');
      expect(await alerts.getByLabel('SMTP-Server').inputValue()).toBe('mail.example.com');
      expect(await alerts.getByLabel('Passwort').inputValue()).toBe('');
      expect(await alerts.getByLabel('Passwort').getAttribute('placeholder')).toContain('gespeichert');
      expect(await page.content()).not.toContain('smtp-secret-9');

      // The test button sends what the form says, with the stored password.
      await alerts.getByLabel('SMTP-Server').fill('127.0.0.1');
      await alerts.getByLabel('Port').fill(String(smtp.port));
      await alerts.getByLabel('Verschlüsselung').selectOption('none');
      await alerts.getByLabel('Absender').fill('pbx@example.com');
      await alerts.getByLabel(/^Empfänger/).fill('chef@example.com de');
      await alerts.getByRole('button', { name: 'Test-E-Mail senden' }).click();
      await poll(() => alerts.getByRole('status').textContent()).toBe('Test-E-Mail angenommen für: chef@example.com');
      const mail = await smtp.next((m) => m.to.includes('chef@example.com'));
      expect(mail.user).toBe('pbx');
      expect(subjectOf(mail)).toMatch(/Test-E-Mail$/);
      await web.shot('17-6-alerts-page');
      expect(web.errors).toEqual([]);
    });
  });
});
