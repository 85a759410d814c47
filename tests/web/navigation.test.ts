/**
 * URLs in headless Chromium against the real server (no Asterisk needed): every page has one, a
 * deep link and a reload open the same page (an admin page, a flow), Back and Forward move between
 * pages, and the editor keeps its draft while an admin page is shown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

describe.skipIf(!hasChromium())('URLs, deep links, reload and Back in Chromium', () => {
  let web: WebSession;
  let page: WebSession['page'];
  let base: string;

  beforeAll(async () => {
    web = await openWebSession();
    page = web.page;
    base = web.server.server.url;
    page.on('dialog', (dialog) => void dialog.accept());
    const example = JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/musterfirma.flow.json'), 'utf8')) as unknown;
    expect((await web.server.api('/flows/import', { method: 'POST', json: example })).status).toBe(200);
    expect((await web.server.api('/extensions', { method: 'POST', json: { id: '1000', name: 'Zentrale' } })).status).toBe(201);
  });

  afterAll(async () => {
    await web?.close();
  });

  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
  const path = () => new URL(page.url()).pathname;
  const nodes = () => page.locator('.react-flow__node').count();
  const heading = () => page.getByRole('heading', { level: 2 }).first().textContent();
  const extensionsTable = () => page.getByRole('region', { name: 'Nebenstellen' }).locator('tr[data-id="1000"]').count();

  it('opens / as a new flow at /flows/new', async () => {
    await page.goto(base);
    await poll(path).toBe('/flows/new');
    expect(await nav('Editor').getAttribute('aria-current')).toBe('page');
    expect(await nodes()).toBe(0);
  });

  it('deep-links to an admin page, and a reload keeps it', async () => {
    const response = await page.goto(`${base}/extensions`);
    expect(response?.status()).toBe(200);
    await poll(extensionsTable).toBe(1);
    expect(await nav('Nebenstellen').getAttribute('aria-current')).toBe('page');
    await page.reload();
    await poll(extensionsTable).toBe(1);
    expect(path()).toBe('/extensions');
    expect(await nav('Nebenstellen').getAttribute('aria-current')).toBe('page');
    await web.shot('40-deep-link-extensions');
  });

  it('deep-links to a flow, and a reload opens it again', async () => {
    const response = await page.goto(`${base}/flows/musterfirma`);
    expect(response?.status()).toBe(200);
    await poll(nodes).toBe(19);
    expect(await page.getByLabel('Name des Ablaufs').inputValue()).toBe('Musterfirma – Hauptmenü');
    await page.reload();
    await poll(nodes).toBe(19);
    expect(path()).toBe('/flows/musterfirma');
    expect(await page.getByLabel('Name des Ablaufs').inputValue()).toBe('Musterfirma – Hauptmenü');
    await web.shot('41-deep-link-flow');
  });

  it('goes Back and Forward between pages, and the editor keeps its draft meanwhile', async () => {
    await page.getByLabel('Name des Ablaufs').fill('Geändert, nicht gespeichert');
    await nav('Dashboard').click();
    await poll(path).toBe('/dashboard');
    await poll(heading).toBe('Dashboard');
    await nav('Nebenstellen').click();
    await poll(extensionsTable).toBe(1);
    expect(path()).toBe('/extensions');

    await page.goBack();
    await poll(path).toBe('/dashboard');
    await poll(heading).toBe('Dashboard');
    await page.goBack();
    await poll(path).toBe('/flows/musterfirma');
    await poll(nodes).toBe(19);
    // The editor was hidden, not unmounted: the unsaved name is still there.
    expect(await page.getByLabel('Name des Ablaufs').inputValue()).toBe('Geändert, nicht gespeichert');
    await page.goForward();
    await poll(path).toBe('/dashboard');
    // The nav's editor link leads back to the flow that is open.
    expect(await nav('Editor').getAttribute('href')).toBe('/flows/musterfirma');
  });

  it('opening a flow from the list changes the URL, and Back returns to the new flow', async () => {
    await page.goto(`${base}/flows/new`);
    await poll(nodes).toBe(0);
    await page.getByRole('button', { name: 'Laden…' }).click();
    await page.getByLabel('Abläufe').selectOption('musterfirma');
    await poll(nodes).toBe(19);
    expect(path()).toBe('/flows/musterfirma');
    await page.goBack();
    await poll(path).toBe('/flows/new');
    await poll(nodes).toBe(0);
  });

  it('says so for a URL without a page, and for a flow that does not exist', async () => {
    await page.goto(`${base}/nirgendwo`);
    await poll(heading).toBe('Diese Seite gibt es nicht');
    await page.goto(`${base}/flows/gibt-es-nicht`);
    await poll(() => page.locator('.flow-load-error').textContent()).toContain('gibt-es-nicht');
    // Besides the HTTP errors the pages show: the unknown flow's 404, the dashboard's 503s without Asterisk.
    expect(web.errors.filter((e) => !/^Failed to load resource: the server responded with a status of (404|503)\b/.test(e))).toEqual([]);
  });
});
