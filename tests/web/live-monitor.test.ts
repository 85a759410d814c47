/**
 * The dashboard's live monitor in headless Chromium against the real server and the real
 * Asterisk: a refused stream shows that it reconnects (and why) and opens again by itself; a call
 * appears with its caller and a ticking duration, vanishes when it ends, and another is hung up
 * from its row; all without a reload (the server pushes, GET /live).
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { AriClient } from '../support/ari.js';
import { keepGeneratedFiles, serverAsteriskEnv, writeAndReload } from '../support/local-asterisk.js';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

const availability = hasChromium() ? await detectAsterisk() : ({ ok: false, reason: 'no Chromium' } as const);

/** Holds a Local channel's ;2 leg, answered, until it is hung up. */
const WAIT_DIALPLAN = `
[swf-web-live]
exten => wait,1,Answer()
 same => n,Wait(60)
`;

describeWithAsterisk(availability, 'the live monitor on the dashboard in Chromium', (asterisk) => {
  let web: WebSession;
  let page: WebSession['page'];
  let ari: AriClient;
  let restoreFiles: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, 'extensions-test.conf': 'pbx_config.so' });
    web = await openWebSession(serverAsteriskEnv(), { ariRuntime: false });
    page = web.page;
    page.on('dialog', (dialog) => void dialog.accept());
    await writeAndReload(asterisk, 'extensions-test.conf', WAIT_DIALPLAN, 'pbx_config.so');
    ari = await AriClient.connect('swf-web-live-test', asterisk);
  });

  afterAll(async () => {
    await ari?.close();
    await web?.close();
    await restoreFiles?.();
  });

  it('shows a call appear, tick and vanish, and hangs another up from its row, without a reload', async () => {
    // The first stream is refused, the second held until the test lets it through: the page says
    // it is reconnecting and why, then opens the stream by itself.
    let attempts = 0;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/live', async (route) => {
      attempts++;
      if (attempts === 1) return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'asterisk-unavailable', message: 'Asterisk (AMI) ist weg' } }) });
      if (attempts === 2) await released;
      return route.continue();
    });
    await page.goto(`${web.server.server.url}/dashboard`);
    const status = page.locator('[data-live]');
    await poll(() => status.getAttribute('data-live')).toBe('reconnecting');
    expect(await status.textContent()).toBe('Verbindung zum Server unterbrochen, verbinde neu …');
    await poll(() => page.getByRole('alert').allTextContents()).toContain('Asterisk (AMI) ist weg (HTTP 503)');
    await poll(() => attempts).toBe(2);
    release();
    await poll(() => status.getAttribute('data-live')).toBe('open');
    expect(await page.getByRole('alert').allTextContents()).not.toContain('Asterisk (AMI) ist weg (HTTP 503)');
    const calls = page.getByRole('table', { name: 'Laufende Gespräche' });
    // A mark on this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));

    const first = await ari.originate({ endpoint: 'Local/wait@swf-web-live', app: ari.app, callerId: '"Anna <b>Müller</b>" <0301234>' });
    const row = calls.locator(`tr[data-id="${first.id}"]`);
    await poll(() => row.textContent()).toContain('Anna <b>Müller</b> 0301234');
    const duration = () => row.locator('td').nth(4).textContent();
    const before = await duration();
    await poll(duration).not.toBe(before); // ticks in the browser: no message from the server needed
    await web.shot('80-live-call');
    await ari.hangup(first.id);
    await poll(() => row.count()).toBe(0);

    const second = await ari.originate({ endpoint: 'Local/wait@swf-web-live', app: ari.app, callerId: '"Bert" <0305678>' });
    const other = calls.locator(`tr[data-id="${second.id}"]`);
    await poll(() => other.textContent()).toContain('Bert 0305678');
    await other.getByRole('button', { name: 'Auflegen' }).click();
    await poll(() => other.count()).toBe(0);
    await poll(() => page.getByRole('status').allTextContents()).toContain('Aufgelegt');
    expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);
    // Nothing went wrong but the refused first stream.
    expect(web.errors.filter((e) => !/status of 503\b/.test(e))).toEqual([]);
  });
});
