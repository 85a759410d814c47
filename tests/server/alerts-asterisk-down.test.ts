/**
 * "Asterisk down" and back on a real Asterisk: a scratch Asterisk (tests/support/scratch-asterisk.ts,
 * its own config, ports and run dir; the suite's Asterisk is left alone) is watched by the alert
 * monitor through ARI; `core stop now` opens the alert, a new Asterisk on the same ports resolves it.
 * Needs root and the provisioned Asterisk root; with CI=true a missing one fails.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AlertBook, type AlertChange } from '../../apps/server/src/alerts/alert-book.js';
import { StoredAlertSettingsSchema } from '../../apps/server/src/alerts/alert-settings.js';
import { openAlerts } from '../../apps/server/src/alerts/alerts.repository.js';
import { AlertMonitor } from '../../apps/server/src/alerts/monitor.js';
import { amiAction } from '../../apps/server/src/asterisk/ami.js';
import { createAri, type Ari } from '../../apps/server/src/asterisk/ari.js';
import { migrateToLatest, openDatabase } from '../../apps/server/src/db/database.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { freePort, startScratchAsterisk, type ScratchAsterisk } from '../support/scratch-asterisk.js';

const availability = await detectAsterisk();

/** The secrets render-conf.sh made for a scratch Asterisk (each new one has its own). */
function secretsOf(scratch: ScratchAsterisk): Record<string, string> {
  return Object.fromEntries(
    readFileSync(join(scratch.etcDir, '../../state/secrets.env'), 'utf8')
      .split('\n')
      .flatMap((line) => (/^[A-Z_]+=/.test(line) ? [[line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]] : [])),
  );
}

describeWithAsterisk(availability, 'the "Asterisk down" alert on a scratch Asterisk', (asterisk) => {
  let dir: string;
  let db: ReturnType<typeof openDatabase>;
  let scratch: ScratchAsterisk | undefined;
  let ports: Record<string, string>;
  let ari: Ari;
  let ami: { host: string; port: number; user: string; secret: string };
  let monitor: AlertMonitor;
  let book: AlertBook;

  /** Starts an Asterisk on the test's ports; the monitor talks to it from now on (a new one has new credentials). */
  const start = () => {
    scratch = startScratchAsterisk(asterisk.asteriskRoot!, ports);
    const secrets = secretsOf(scratch);
    ari = createAri({ url: `http://127.0.0.1:${ports.SWF_HTTP_PORT}/ari`, user: secrets.ARI_USER!, password: secrets.ARI_PASSWORD!, timeoutMs: 2000 });
    ami = { host: '127.0.0.1', port: Number(ports.SWF_AMI_PORT), user: secrets.AMI_USER!, secret: secrets.AMI_SECRET! };
  };
  const next = (change: AlertChange['change']) =>
    new Promise<AlertChange>((resolve) => {
      const off = book.onChange((c) => {
        if (c.alert.kind === 'asterisk-down' && c.change === change) {
          off();
          resolve(c);
        }
      });
    });

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('needs root: the scratch Asterisk runs by chroot, like the suite’s own');
    ports = { SWF_SIP_PORT: String(await freePort()), SWF_HTTP_PORT: String(await freePort()), SWF_AMI_PORT: String(await freePort()) };
    start();
    dir = mkdtempSync(join(tmpdir(), 'swf-alerts-down-'));
    db = openDatabase(dir);
    await migrateToLatest(db);
    book = new AlertBook({ db, quietMinutes: async () => 30, mailing: async () => false, notify: async () => undefined, log: () => undefined });
    monitor = new AlertMonitor({
      db,
      book,
      settings: async () => StoredAlertSettingsSchema.parse({}),
      asterisk: { ari: { ping: () => ari.ping() }, ami: (action) => amiAction(ami, action) },
      disks: [],
      intervalMs: 200,
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await monitor?.stop();
    scratch?.stop();
    await db?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens when Asterisk stops and resolves when it answers again', async () => {
    await monitor.check();
    expect(await openAlerts(db)).toEqual([]);
    monitor.start();
    const opened = next('opened');
    const stoppedAt = Date.now();
    scratch!.stop();
    scratch = undefined;
    expect((await opened).alert.text_en).toBe('Asterisk does not answer (ARI); no calls go through');
    console.log(`[alerts test] "Asterisk down" opened ${Date.now() - stoppedAt} ms after core stop now was sent (its shutdown included)`);
    const resolved = next('resolved');
    const startedAt = Date.now();
    start();
    await resolved;
    console.log(`[alerts test] resolved ${Date.now() - startedAt} ms after the new Asterisk was started (its boot included)`);
    expect(await openAlerts(db)).toEqual([]);
  }, 120_000);
});
