/**
 * The backup page in headless Chromium against the real server (no Asterisk): a backup is made
 * and downloaded, a foreign file is refused with the server's reason, the downloaded one is
 * accepted and staged, the schedule's form shows the server's field problem, and "Restart now"
 * restarts the server, the page waits for it and reloads, and the restored data is live.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../../apps/server/src/testing.js';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

describe.skipIf(!hasChromium())('the backup page in Chromium', () => {
  let web: WebSession;
  let page: WebSession['page'];
  const downloads = mkdtempSync(join(tmpdir(), 'swf-web-backup-'));

  beforeAll(async () => {
    // "Restart now" restarts the test server in place (same DATA_DIR and port), as main.ts's restart loop does.
    web = await openWebSession({}, { requestRestart: () => setImmediate(() => void web.server.restart(undefined, { samePort: true })) });
    page = web.page;
    page.on('dialog', (dialog) => void (dialog.type() === 'prompt' ? dialog.accept(web.server.token) : dialog.accept()));
  });

  afterAll(async () => {
    await web?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  const status = () => page.getByRole('status');
  const alert = () => page.getByRole('alert');

  it('makes a backup and downloads it', async () => {
    await page.goto(`${web.server.server.url}/backups`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Sicherung erstellen' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^stumpfworks-backup-.*\.tar\.gz$/);
    await file.saveAs(join(downloads, 'backup.tar.gz'));
    // Its first entry is the header, named in the first 100 bytes of the tar.
    expect(gunzipSync(readFileSync(join(downloads, 'backup.tar.gz'))).subarray(0, 100).toString()).toContain('stumpfworks-backup.json');
    await poll(() => status().textContent()).toContain('Sicherung erstellt: stumpfworks-backup-');
    await web.shot('60-backup-downloaded');
  });

  it('refuses a foreign file with the reason, and stages a real backup', async () => {
    const input = page.getByLabel('Sicherungsdatei (.tar.gz)');
    await input.setInputFiles({ name: 'not-ours.tar.gz', mimeType: 'application/gzip', buffer: Buffer.from('PK\u0003\u0004 a zip file') });
    await page.getByRole('button', { name: 'Hochladen und prüfen' }).click();
    await poll(() => alert().textContent()).toContain('Das ist keine Sicherung von StumpfWorks VoIP');
    expect(existsSync(join(web.server.dataDir, 'restore-pending'))).toBe(false);
    await web.shot('61-backup-refused');

    await input.setInputFiles(join(downloads, 'backup.tar.gz'));
    await page.getByRole('button', { name: 'Hochladen und prüfen' }).click();
    await poll(() => status().textContent()).toContain('Bitte den Server neu starten');
    expect(existsSync(join(web.server.dataDir, 'restore-pending'))).toBe(true);
  });

  it('shows the schedule and the server\'s field problem', async () => {
    await page.getByLabel('Eingeschaltet').check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await poll(() => alert().textContent()).toContain('folder: Geplante Sicherungen brauchen einen Ordner');
    await page.getByLabel('Ordner (absoluter Pfad, z. B. eine NAS-Freigabe)').fill(join(downloads, 'scheduled'));
    await page.getByRole('button', { name: 'Speichern' }).click();
    await poll(() => status().textContent()).toBe('Gespeichert');
    expect(await web.server.ok('/settings/backup')).toMatchObject({ enabled: true, folder: join(downloads, 'scheduled') });
    await web.shot('62-backup-schedule');
    // The 422s are the page's own; nothing else went wrong (no page error, no CSP violation).
    expect(web.errors.filter((e) => !/status of 422\b/.test(e))).toEqual([]);
  });

  it('restarts the server with "Jetzt neu starten", waits, reloads, and the restored data is live', async () => {
    const panel = page.getByTestId('restore-pending');
    await poll(() => panel.textContent()).toContain('Die Wiederherstellung ist vorbereitet');
    const health = () => must<{ startedAt: string }>(fetch(`${web.server.server.url}/health`), 'health');
    const before = (await health()).startedAt;
    const reloaded = page.waitForEvent('load');
    await panel.getByRole('button', { name: 'Jetzt neu starten' }).click();
    await reloaded;
    expect((await health()).startedAt).not.toBe(before);
    // The backup was made before the schedule was switched on: the restored settings have it off.
    expect(await web.server.ok('/settings/backup')).toMatchObject({ enabled: false });
    expect(existsSync(join(web.server.dataDir, 'restore-pending'))).toBe(false);
    // The restored database has the browser's session of the backup's time: the page is still logged in, and nothing is pending.
    await poll(() => page.getByRole('heading', { name: 'Sicherung einspielen' }).count()).toBe(1);
    expect(await page.getByTestId('restore-pending').count()).toBe(0);
    await web.shot('63-backup-restarted');
    // While it was down, the page's asks for /health were refused: the only errors besides the 422s.
    expect(web.errors.filter((e) => !/status of 422\b|ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET/.test(e))).toEqual([]);
  });
});
