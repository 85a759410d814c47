/**
 * Issue #17's "Done when", in Chromium against the real server and Asterisk: a new installation's first admin
 * logs in with the one-time password the server printed, must set their own, creates an operator
 * and logs out; the operator logs in and cannot open the flow editor (the UI hides it, a direct
 * URL says "not allowed", the API refuses); the admin's audit log shows all of it and its chain
 * verifies. Then a backup downloaded from this server is uploaded to a second server with another
 * DATA_DIR, which after its restart has the users and the audit log of the first, and whose
 * publish writes the same Asterisk files the first one's did. Both servers run on the one test
 * Asterisk at once (each with its own Stasis app names; ACL bans only).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { BANS_FILE, BANS_MODULE } from '../../apps/server/src/security/bans-file.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, readGeneratedFile, serverAsteriskEnv } from '../support/local-asterisk.js';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

const availability = await detectAsterisk();

const ADMIN_OWN = 'admin-own-password-1';
const OPERATOR_OWN = 'empfang-own-password-1';

describe.skipIf(!hasChromium())('issue #17 done', () => describeWithAsterisk(availability, 'login, an operator without the editor, the audit log, a backup restored elsewhere (Chromium, real Asterisk)', (asterisk) => {
  const env = { ...serverAsteriskEnv(), KERNEL_BANS: 'off' };
  let restoreFiles: (() => Promise<void>) | undefined;
  const published: Record<string, string> = {};
  let web: WebSession;
  let second: WebSession | undefined;
  let page: WebSession['page'];
  const lines: string[] = [];
  const downloads = mkdtempSync(join(tmpdir(), 'swf-web-done-'));

  beforeAll(async () => {
    // No SWF_ADMIN_PASSWORD: the first start makes a one-time password and prints it once.
    restoreFiles = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, [BANS_FILE]: BANS_MODULE });
    web = await openWebSession({ ...env, SWF_ADMIN_PASSWORD: undefined as unknown as string }, { loggedIn: false, log: (line) => lines.push(line) });
    page = web.page;
  });
  afterAll(async () => {
    await second?.close();
    await web?.close();
    await restoreFiles?.();
    rmSync(downloads, { recursive: true, force: true });
  });

  const logInAs = async (p: WebSession['page'], username: string, password: string) => {
    const form = p.getByRole('form', { name: 'Anmelden' });
    await poll(() => form.count()).toBe(1);
    await form.getByLabel('Benutzername').fill(username);
    await form.getByLabel('Passwort').fill(password);
    await form.getByRole('button', { name: 'Anmelden' }).click();
  };
  const setOwnPassword = async (current: string, next: string) => {
    const change = page.getByRole('form', { name: 'Eigenes Passwort setzen' });
    await poll(() => change.count()).toBe(1);
    await change.getByLabel('Jetziges Passwort').fill(current);
    await change.getByLabel('Neues Passwort').fill(next);
    await change.getByRole('button', { name: 'Passwort speichern' }).click();
  };
  const logOut = async () => {
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await poll(() => page.getByRole('form', { name: 'Anmelden' }).count()).toBe(1);
  };
  const auditRows = (p: WebSession['page']) => p.getByRole('table', { name: 'Protokoll' }).locator('tbody tr').allTextContents();

  it('the first admin logs in with the printed one-time password, sets their own, creates an operator and logs out', async () => {
    const printed = lines.map((l) => /first user "admin" \(admin\) with the one-time password (\S+)/.exec(l)?.[1]).find(Boolean);
    expect(printed).toBeDefined();
    await page.goto(web.server.server.url);
    await logInAs(page, 'admin', printed!);
    await setOwnPassword(printed!, ADMIN_OWN);
    await poll(() => page.getByTestId('signed-in').textContent()).toBe('Angemeldet als admin (Admin)');

    await page.getByRole('navigation').getByRole('link', { name: 'Benutzer', exact: true }).click();
    const form = page.getByRole('form', { name: 'Benutzer anlegen' });
    await form.getByLabel('Benutzername').fill('empfang');
    await form.getByLabel('Rolle').selectOption('operator');
    const oneTime = await form.getByLabel('Einmal-Passwort').inputValue();
    await form.getByRole('button', { name: 'Benutzer anlegen' }).click();
    await poll(() => page.locator('tr[data-user="empfang"]').count()).toBe(1);
    await logOut();

    await logInAs(page, 'empfang', oneTime);
    await setOwnPassword(oneTime, OPERATOR_OWN);
    await poll(() => page.getByTestId('signed-in').textContent()).toBe('Angemeldet als empfang (Operator)');
  });

  it('the operator cannot open the flow editor: not in the navigation, "not allowed" by URL, 403 from the API', async () => {
    await poll(() => page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['Dashboard', 'Mailboxen', 'Aufzeichnungen', 'Anrufverlauf']);
    await page.goto(`${web.server.server.url}/flows/new`);
    await poll(() => page.getByTestId('not-allowed').textContent()).toBe('Dafür fehlt Ihrer Rolle die Berechtigung.');
    expect(await page.locator('[data-testid="canvas"]').count()).toBe(0);
    // What the page never tries, the operator might: the server refuses it (and records it).
    expect(await page.evaluate(async () => (await fetch('/api/v1/flows')).status)).toBe(403);
    await web.shot('70-operator-not-allowed');
    await logOut();
  });

  it('the admin\'s audit log shows the logins, the user created and the operator\'s refused attempt, and the chain verifies', async () => {
    await logInAs(page, 'admin', ADMIN_OWN);
    await poll(() => page.getByTestId('signed-in').textContent()).toBe('Angemeldet als admin (Admin)');
    await page.getByRole('navigation').getByRole('link', { name: 'Protokoll', exact: true }).click();
    await poll(() => auditRows(page)).toEqual(expect.arrayContaining([expect.stringContaining('POST /users')]));
    const rows = await auditRows(page);
    const has = (...parts: string[]) => rows.some((row) => parts.every((part) => row.includes(part)));
    expect(has('admin (admin)', 'POST /auth/login', '200')).toBe(true);
    expect(has('admin', 'PUT /auth/password', '204')).toBe(true);
    expect(has('admin (admin)', 'POST /users', '201')).toBe(true);
    expect(has('empfang (operator)', 'POST /auth/login', '200')).toBe(true);
    expect(has('empfang (operator)', 'PUT /auth/password', '204')).toBe(true);
    expect(has('empfang (operator)', 'GET /flows', '403 abgewiesen')).toBe(true);
    expect(has('empfang (operator)', 'DELETE /auth/session', '204')).toBe(true);
    // No secret in the page: neither password, and the session's CSRF token masked.
    const body = (await page.locator('main, body').first().textContent()) ?? '';
    for (const secret of [ADMIN_OWN, OPERATOR_OWN]) expect(body).not.toContain(secret);

    // The server-side filter: only the operator's rows.
    await page.getByRole('form', { name: 'Protokoll filtern' }).getByLabel('Wer').fill('empfang');
    await page.getByRole('button', { name: 'Filtern' }).click();
    await poll(async () => (await auditRows(page)).every((row) => row.includes('empfang'))).toBe(true);
    await poll(async () => (await auditRows(page)).some((row) => row.includes('GET /flows') && row.includes('403'))).toBe(true);
    await page.getByRole('button', { name: 'Kette prüfen' }).click();
    await poll(() => page.getByTestId('audit-verdict').textContent()).toMatch(/^Die Kette ist unversehrt: \d+ Einträge geprüft\.$/);
    // The retention: the server's refusal shown as it says it, then a value it takes.
    const retention = page.getByRole('form', { name: 'Aufbewahrung' });
    await retention.getByLabel('Einträge aufbewahren (Tage)').fill('0');
    await retention.getByRole('button', { name: 'Aufbewahrung speichern' }).click();
    await poll(() => retention.getByRole('alert').textContent()).toContain('(HTTP 422)');
    await retention.getByLabel('Einträge aufbewahren (Tage)').fill('400');
    await retention.getByRole('button', { name: 'Aufbewahrung speichern' }).click();
    await poll(() => retention.getByRole('status').textContent()).toBe('Gespeichert');
    expect(await web.server.ok('/settings/audit')).toEqual({ retentionDays: 400 });
    await page.getByLabel('Sprache', { exact: true }).selectOption('en');
    await poll(() => page.getByRole('heading', { name: 'Audit log: who did what, when' }).count()).toBe(1);
    await page.getByLabel('Language', { exact: true }).selectOption('de');
    await web.shot('71-audit-log');
  });

  it('a backup downloaded here restores into a second server with another DATA_DIR, which publishes the same files', async () => {
    await web.server.ok('/extensions', { method: 'POST', json: { id: '1030', name: 'Empfang Telefon' } }, 201);
    expect(await web.server.ok('/publish', { method: 'POST' })).toMatchObject({ outcome: 'applied' });
    for (const name of Object.keys(GENERATED_FILES)) published[name] = readGeneratedFile(asterisk, name);
    expect(published['pjsip.conf']).toContain('[1030]');
    await page.goto(`${web.server.server.url}/backups`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Sicherung erstellen' }).click();
    const file = join(downloads, 'backup.tar.gz');
    await (await download).saveAs(file);

    second = await openWebSession(env);
    expect(second.server.dataDir).not.toBe(web.server.dataDir);
    const other = second.page;
    await other.goto(`${second.server.server.url}/backups`);
    await other.getByLabel('Sicherungsdatei (.tar.gz)').setInputFiles(file);
    await other.getByRole('button', { name: 'Hochladen und prüfen' }).click();
    await poll(() => other.getByRole('status').textContent()).toMatch(/Sicherung vom .* geprüft/);
    await second.server.restart();

    // The first server's people and log: its admin's password, the operator, the audit rows.
    await other.goto(second.server.server.url);
    await logInAs(other, 'admin', ADMIN_OWN);
    await poll(() => other.getByTestId('signed-in').textContent()).toBe('Angemeldet als admin (Admin)');
    await other.goto(`${second.server.server.url}/users`);
    await poll(() => other.locator('tr[data-user="empfang"]').count()).toBe(1);
    await other.goto(`${second.server.server.url}/audit`);
    await poll(async () => (await auditRows(other)).some((row) => row.includes('empfang (operator)') && row.includes('GET /flows'))).toBe(true);
    expect((await auditRows(other)).some((row) => row.includes('System: restore') && row.includes('backup.restored'))).toBe(true);
    await other.getByRole('button', { name: 'Kette prüfen' }).click();
    await poll(() => other.getByTestId('audit-verdict').textContent()).toMatch(/^Die Kette ist unversehrt/);
    await second.shot('72-restored-elsewhere');
    // Published from the restored data (with its admin token, restored too): Asterisk gets the same files.
    const token = readFileSync(join(second.server.dataDir, 'admin-token'), 'utf8').trim();
    const publish = await fetch(`${second.server.server.url}/api/v1/publish`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(publish.status).toBe(200);
    for (const name of Object.keys(GENERATED_FILES)) expect(readGeneratedFile(asterisk, name), name).toBe(published[name]);
    // The second server's own failed login (the harness's admin password is not the restored one) is not an error of the page.
    expect(web.errors.filter((e) => !/status of (401|403|422|503)/.test(e))).toEqual([]);
    expect(second.errors.filter((e) => !/status of (401|503)/.test(e))).toEqual([]);
  });
}));
