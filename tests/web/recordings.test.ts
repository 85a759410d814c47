/**
 * The recordings page in headless Chromium against the real server and real SQLite, on a spool of
 * its own (RECORDINGS_DIR) with two real WAVs (sox): the storage line, the filters, the player
 * (the <audio> element plays the file through the API to its `ended`, seeking by HTTP Range as
 * the browser likes), delete (file and row gone; the listen and the delete in the audit log), and
 * the admin's retention and format form.
 * Needs Debian chromium; no Asterisk (the index rows are written as the indexer would).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

describe.skipIf(!hasChromium())('the recordings page in Chromium', () => {
  const spool = mkdtempSync(join(tmpdir(), 'swf-web-rec-'));
  let web: WebSession;
  let page: WebSession['page'];
  const files = { inbound: 'always-1765100000-1765100000.7.wav', internal: 'ondemand-1765200000-1765200000.8.wav' };

  beforeAll(async () => {
    web = await openWebSession({ RECORDINGS_DIR: spool });
    page = web.page;
    page.on('dialog', (dialog) => void dialog.accept());
    const rows = [
      { file: files.inbound, caller: '+4930123456', callee: '1001', direction: 'inbound' as const, kind: 'always' as const, seconds: 2 },
      { file: files.internal, caller: '1001', callee: '1002', direction: 'internal' as const, kind: 'onDemand' as const, seconds: 1 },
    ];
    for (const row of rows) {
      const path = join(spool, row.file);
      const made = spawnSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', path, 'synth', String(row.seconds), 'sine', '440'], { encoding: 'utf8' });
      expect(made.status, made.stderr).toBe(0);
      const started = Number(row.file.split('-')[1]) * 1000;
      await web.server.server.db
        .insertInto('recordings')
        .values({ call_id: row.file.split('-')[2]!.replace(/\.wav$/, ''), started_at: new Date(started).toISOString(), caller: row.caller, callee: row.callee, direction: row.direction, kind: row.kind, duration_ms: row.seconds * 1000, size_bytes: statSync(path).size, file: row.file })
        .execute();
    }
  });

  afterAll(async () => {
    await web?.close();
    rmSync(spool, { recursive: true, force: true });
  });

  it('shows the storage, filters, plays a recording to its end and deletes it', async () => {
    // Straight to the page: the dashboard would ask for live calls, which need an Asterisk (503 here).
    await page.goto(`${web.server.server.url}/recordings`);
    await poll(() => page.getByRole('navigation').getByRole('link', { name: 'Aufzeichnungen', exact: true }).count()).toBe(1);
    await poll(() => page.getByTestId('recordings-storage').textContent()).toBe('Alle Aufzeichnungen belegen zusammen 49 kB');
    const table = page.getByRole('table');
    await poll(() => table.locator('tbody tr[data-id]').count()).toBe(2);

    const filters = page.getByRole('form', { name: 'Aufzeichnungen filtern' });
    await filters.getByLabel('Richtung').selectOption('inbound');
    await filters.getByRole('button', { name: 'Filtern' }).click();
    await poll(() => table.locator('tbody tr[data-id]').count()).toBe(1);
    const row = table.locator('tbody tr[data-id]').first();
    expect(await row.textContent()).toContain('+4930123456');
    expect(await row.textContent()).toContain('0:02');

    await row.getByRole('button', { name: 'Anhören' }).click();
    const audio = page.locator('audio');
    await audio.evaluate((element: HTMLAudioElement) => new Promise<void>((resolve, reject) => {
      if (element.ended) return resolve();
      element.addEventListener('ended', () => resolve(), { once: true });
      element.addEventListener('error', () => reject(new Error(`audio error ${element.error?.code}`)), { once: true });
    }));
    await web.shot('80-recordings');

    await row.getByRole('button', { name: 'Löschen' }).click();
    await poll(() => page.getByRole('status').textContent()).toMatch(/^Aufzeichnung \d+ gelöscht$/);
    await poll(() => table.locator('tbody tr[data-id]').count()).toBe(0);
    expect(existsSync(join(spool, files.inbound))).toBe(false);
    expect(existsSync(join(spool, files.internal))).toBe(true);
    const audit = (await web.server.ok('/audit?resource=recordings')) as { entries: Array<{ action: string; actor: { name: string } }> };
    expect(audit.entries.map((e) => `${e.action} ${e.actor.name}`)).toEqual(['DELETE /recordings/{id} admin', 'recording.listen admin']);
    const settings = page.getByRole('form', { name: 'Aufbewahrung und Format' });
    await settings.getByLabel('Aufbewahren (Tage)').fill('30');
    await settings.getByLabel('Format').selectOption('mp3');
    await settings.getByRole('button', { name: 'Speichern' }).click();
    await poll(() => settings.getByRole('status').textContent()).toBe('Gespeichert.');
    expect(await web.server.ok('/settings/recordings')).toEqual({ retentionDays: 30, format: 'mp3' });
    expect(web.errors).toEqual([]);
  });
});
