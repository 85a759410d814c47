/**
 * The dashboard's bans panel in headless Chromium against the real server, the real local Asterisk
 * and the real kernel: sipp on 127.0.0.23 guesses passwords until the guard bans it; the panel says
 * how bans are enforced here (the kernel's drop and Asterisk's ACL as root, else the ACL alone, as
 * the API says) and lists the ban with the enforcements that refuse it; its button lifts the ban,
 * after which the address registers again.
 * Needs Debian chromium and a running Asterisk (asterisk.sh start + env); with CI=true a missing one fails.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { BANS_FILE, BANS_MODULE } from '../../apps/server/src/security/bans-file.js';
import { readKernelTable } from '../../apps/server/src/security/test-tables.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, reloadModule, serverAsteriskEnv, stateFilePath, writeGeneratedFile } from '../support/local-asterisk.js';
import { receivedStatuses, runSipp } from '../server/ban-sipp.js';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

const availability = await detectAsterisk();
const ATTACKER = '127.0.0.23';

describeWithAsterisk(availability, 'the bans panel on the real Asterisk', (asterisk) => {
  it('has chromium, or is not in CI', () => {
    if (process.env.CI === 'true') expect(hasChromium(), 'install Debian chromium: apt-get install chromium').toBe(true);
  });

  describe.skipIf(!hasChromium())('in Chromium', () => {
    const { sipPort } = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
    let web: WebSession;
    let page: WebSession['page'];
    let secret = '';
    let restoreFiles: (() => Promise<void>) | undefined;
    const register = (password: string, calls = 1) => runSipp({ scenario: 'register', source: ATTACKER, sipPort, user: '1002', password, calls, rate: 20, limit: 5, answerTimeoutMs: 1000 });

    beforeAll(async () => {
      restoreFiles = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, [BANS_FILE]: BANS_MODULE });
      writeGeneratedFile(asterisk, BANS_FILE, '');
      await reloadModule(asterisk, BANS_MODULE);
      web = await openWebSession(serverAsteriskEnv());
      page = web.page;
      page.on('dialog', (dialog) => void dialog.accept());
      secret = ((await web.server.ok('/extensions', { method: 'POST', json: { id: '1002', name: 'Telefon' } }, 201)) as { secret: string }).secret;
      await web.server.ok('/publish', { method: 'POST' });
      const current = (await web.server.ok('/settings/security')) as Record<string, unknown>;
      // Loopback is not the LAN: the attacker's address may be banned.
      await web.server.ok('/settings/security', { method: 'PUT', json: { ...current, allowlist: [] } });
      await vi.waitFor(async () => expect(((await web.server.ok('/security/bans')) as { watching: boolean }).watching).toBe(true), { timeout: 20_000, interval: 50 });
    });

    afterAll(async () => {
      await web?.close();
      await restoreFiles?.();
    });

    it('says how bans are enforced, lists the ban with what refuses it, and lifts it', async () => {
      const { enforcement } = (await web.server.ok('/security/bans')) as { enforcement: string[] };
      const kernel = enforcement.includes('kernel');
      await register(`${secret}-wrong`, 12);
      await poll(async () => ((await web.server.ok('/security/bans')) as { bans: Array<{ address: string; enforcedBy: object }> }).bans.find((b) => b.address === ATTACKER)?.enforcedBy).toEqual(
        kernel ? { acl: expect.any(String), kernel: expect.any(String) } : { acl: expect.any(String) },
      );

      await page.goto(web.server.server.url);
      await page.getByRole('navigation').getByRole('link', { name: 'Dashboard', exact: true }).click();
      const panel = page.getByRole('region', { name: 'Gesperrte Adressen' });
      await poll(() => panel.textContent()).toContain(
        kernel ? 'Gesperrte Adressen verwirft schon der Kernel (nftables), bevor Asterisk sie sieht' : 'Gesperrte Adressen weist Asterisk ab (ACL, Antwort 403).',
      );
      const row = page.locator(`tr[data-id="${ATTACKER}"]`);
      await poll(() => row.textContent()).toContain(kernel ? 'gesperrt (Kernel + ACL)' : 'gesperrt (ACL)');
      await web.shot('19c-dashboard-bans-enforced');

      await row.getByRole('button', { name: `Freigeben ${ATTACKER}` }).click();
      await poll(() => row.count()).toBe(0);
      const table = web.server.server.security.kernelTable;
      if (table) expect((await readKernelTable(table))?.banned.has(ATTACKER)).toBe(false);
      expect(receivedStatuses((await register(secret)).messages)).toEqual([401, 200]);
      expect(web.errors).toEqual([]);
    });
  });
});
