/**
 * The login and the roles in the browser (issue #17): a new admin logs in on the login page,
 * creates an operator, logs out; the operator logs in, sets their own password, and cannot reach
 * the flow editor nor the admin's pages. Real server, real SQLite, real Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, hasChromium, openWebSession, poll, type WebSession } from './harness.js';

describe.skipIf(!hasChromium())('login, users and roles in Chromium', () => {
  let web: WebSession;
  let page: WebSession['page'];
  beforeAll(async () => {
    web = await openWebSession({}, { loggedIn: false });
    page = web.page;
    page.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    await web?.close();
  });

  const logInAs = async (username: string, password: string) => {
    const form = page.getByRole('form', { name: 'Anmelden' });
    await form.getByLabel('Benutzername').fill(username);
    await form.getByLabel('Passwort').fill(password);
    await form.getByRole('button', { name: 'Anmelden' }).click();
  };

  it('shows the login page in German and English instead of asking for a token', async () => {
    await page.goto(web.server.server.url);
    await poll(() => page.getByRole('form', { name: 'Anmelden' }).count()).toBe(1);
    await page.getByLabel('Sprache').selectOption('en');
    await poll(() => page.getByRole('form', { name: 'Log in' }).getByLabel('User name').count()).toBe(1);
    await page.getByLabel('Language').selectOption('de');
    await web.shot('30-login');
    await logInAs('admin', 'not-the-password');
    await poll(() => page.getByRole('alert').textContent()).toBe('Benutzername oder Passwort ist falsch (HTTP 401)');
  });

  it('logs the admin in with an httpOnly cookie and keeps nothing in localStorage', async () => {
    await logInAs('admin', ADMIN_PASSWORD);
    await poll(() => page.getByTestId('signed-in').textContent()).toBe('Angemeldet als admin (Admin)');
    await poll(() => new URL(page.url()).pathname).toBe('/flows/new');
    expect(await page.evaluate(() => ({ stored: localStorage.length, cookie: document.cookie }))).toEqual({ stored: 0, cookie: '' });
    const cookies = await web.browser.context.cookies(web.server.server.url);
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite, c.secure])).toEqual([['swf_session', true, 'Strict', true]]);
    // A reload keeps the login (the cookie), without asking for anything.
    await page.reload();
    await poll(() => page.getByTestId('signed-in').count()).toBe(1);
  });

  it('creates an operator on the users page, with a one-time password shown once', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Benutzer', exact: true }).click();
    const form = page.getByRole('form', { name: 'Benutzer anlegen' });
    await form.getByLabel('Benutzername').fill('empfang');
    await form.getByLabel('Rolle').selectOption('operator');
    const oneTime = await form.getByLabel('Einmal-Passwort').inputValue();
    expect(oneTime).toMatch(/^[\w-]{20}$/);
    await form.getByRole('button', { name: 'Benutzer anlegen' }).click();
    await poll(() => page.getByTestId('shown-once').textContent()).toContain(`Benutzer empfang angelegt: Einmal-Passwort weitergeben. ${oneTime}`);
    await poll(() => page.locator('tr[data-user="empfang"]').textContent()).toContain('muss Passwort ändern');
    await web.shot('31-users');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await poll(() => page.getByRole('form', { name: 'Anmelden' }).count()).toBe(1);
    expect(await web.browser.context.cookies(web.server.server.url)).toEqual([]);
    // The operator logs in with it and must set a password of their own first.
    await logInAs('empfang', oneTime);
    const change = page.getByRole('form', { name: 'Eigenes Passwort setzen' });
    await poll(() => change.count()).toBe(1);
    await change.getByLabel('Jetziges Passwort').fill(oneTime);
    await change.getByLabel('Neues Passwort').fill('empfang-eigenes-1');
    await change.getByRole('button', { name: 'Passwort speichern' }).click();
    await poll(() => page.getByTestId('signed-in').textContent()).toBe('Angemeldet als empfang (Operator)');
  });

  it('gives the operator the dashboard, the voicemail, the recordings and the call history only (each scoped to what they are given): the flow editor and the admin pages are not reachable', async () => {
    await poll(() => new URL(page.url()).pathname).toBe('/dashboard');
    const nav = page.getByRole('navigation');
    await poll(() => nav.getByRole('link').allTextContents()).toEqual(['Dashboard', 'Mailboxen', 'Aufzeichnungen', 'Anrufverlauf']);
    await web.shot('32-operator');
    for (const path of ['/flows/new', '/extensions', '/users', '/prompts']) {
      await page.goto(`${web.server.server.url}${path}`);
      await poll(() => page.getByTestId('not-allowed').textContent()).toBe('Dafür fehlt Ihrer Rolle die Berechtigung.');
      expect(await page.locator('[data-testid="canvas"]').count(), path).toBe(0);
      expect(await page.getByRole('button', { name: 'Speichern' }).count(), path).toBe(0);
    }
    await web.shot('33-operator-no-editor');
    // The console has the failed login of the first test (401) and the dashboard's 503s (this server
    // has no Asterisk), but no 403: the page never tried what the role may not do.
    expect(web.errors.filter((e) => !/status of (401|503)/.test(e))).toEqual([]);
    expect(web.errors.filter((e) => /status of 503/.test(e)).length).toBeGreaterThan(0);
    // And the server says the same, whatever the page would try.
    const flows = await page.evaluate(async () => (await fetch('/api/v1/flows')).status);
    expect(flows).toBe(403);
  });
});
