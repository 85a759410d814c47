/**
 * The tokens page and an operator's view of their own queues, in headless Chromium against the
 * real server and the real Asterisk: the admin makes an operator token on the tokens page (shown
 * once, copied), sees its last use, revokes it; assigns one of two queues to an operator on the
 * users page; callers wait in both queues; the operator's dashboard shows only their queue and
 * its caller, and not the other queue's caller among the live calls.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn } from '../../apps/server/src/auth/session-client.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { must } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { AriClient } from '../support/ari.js';
import { keepGeneratedFiles, serverAsteriskEnv, writeAndReload } from '../support/local-asterisk.js';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

const availability = hasChromium() ? await detectAsterisk() : ({ ok: false, reason: 'no Chromium' } as const);

const QUEUE_DIALPLAN = `
[swf-web-queue]
exten => a,1,Answer()
 same => n,Queue(swf-web-a,,,,120)
exten => b,1,Answer()
 same => n,Queue(swf-web-b,,,,120)
`;

describeWithAsterisk(availability, 'tokens page and an operator\'s own queues in Chromium', (asterisk) => {
  let web: WebSession;
  let page: WebSession['page'];
  let ari: AriClient;
  let restoreFiles: (() => Promise<void>) | undefined;
  const callers: string[] = [];

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, 'extensions-test.conf': 'pbx_config.so' });
    web = await openWebSession(serverAsteriskEnv(), { ariRuntime: false });
    page = web.page;
    page.on('dialog', (dialog) => void dialog.accept());
    const { server } = web;
    await server.ok('/extensions', { method: 'POST', json: { id: '1010', name: 'Agent' } }, 201);
    await server.ok('/extensions', { method: 'POST', json: { id: '1011', name: 'Empfang', voicemail: { enabled: true, pin: '1234' } } }, 201);
    for (const id of ['swf-web-a', 'swf-web-b']) await server.ok('/queues', { method: 'POST', json: { id, name: id, members: ['1010'] } }, 201);
    await server.ok('/publish', { method: 'POST' }, 200);
    await writeAndReload(asterisk, 'extensions-test.conf', QUEUE_DIALPLAN, 'pbx_config.so');
    await server.ok('/users', { method: 'POST', json: { username: 'empfang', role: 'operator', password: 'one-time-pass-1' } }, 201);
    const first = await logIn(server, 'empfang', 'one-time-pass-1');
    await must(first.api('/auth/password', { method: 'PUT', json: { currentPassword: 'one-time-pass-1', newPassword: 'empfang-eigenes-1' } }), 'own password');
    ari = await AriClient.connect('swf-web-queue-test', asterisk);
  });

  afterAll(async () => {
    for (const id of callers) await ari?.hangup(id).catch(() => undefined); // gone already when the queue let them go
    await ari?.close();
    await web?.close();
    await restoreFiles?.();
  });

  it('makes a token with a role, shows it once with a copy button, lists its last use and revokes it', async () => {
    await web.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.server.server.url });
    await page.goto(`${web.server.server.url}/dashboard`);
    await page.getByRole('navigation').getByRole('link', { name: 'API-Tokens', exact: true }).click();
    const form = page.getByRole('form', { name: 'Token erstellen' });
    await form.getByLabel('Name').fill('wallboard');
    await form.getByLabel('Rolle').selectOption('operator');
    await form.getByRole('button', { name: 'Token erstellen' }).click();
    const once = page.getByTestId('shown-once');
    await poll(() => once.textContent()).toContain('Token wallboard erstellt:');
    const token = (await once.getByTestId('secret').textContent())!;
    expect(token).toMatch(/^swf_/);
    await once.getByRole('button', { name: 'Kopieren' }).click();
    await poll(() => once.getByRole('button').textContent()).toBe('Kopiert');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    const row = page.locator('tr[data-token="wallboard"]');
    await poll(() => row.textContent()).toContain('Operator');
    expect(await row.locator('td').nth(4).textContent()).toBe('nie');
    await web.shot('70-tokens');

    // Used once by a script: the list shows when (after a reload: the token is not shown again).
    expect((await fetch(`${web.server.server.url}/api/v1/queues`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await page.reload();
    await poll(() => row.locator('td').nth(4).textContent()).not.toBe('nie');
    expect(await page.getByTestId('shown-once').count()).toBe(0);
    await row.getByRole('button', { name: 'Widerrufen' }).click();
    await poll(() => row.count()).toBe(0);
    expect((await fetch(`${web.server.server.url}/api/v1/queues`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('assigns one queue and one mailbox to the operator on the users page', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Benutzer', exact: true }).click();
    const row = page.locator('tr[data-user="empfang"]');
    await row.getByRole('button', { name: 'Zuweisung' }).click();
    const editor = page.getByRole('group', { name: 'Zuweisung von empfang' });
    await editor.getByRole('checkbox', { name: /^swf-web-a/ }).check();
    await editor.getByRole('checkbox', { name: /^1011/ }).check();
    // The extension without voicemail is no mailbox: it is not offered.
    expect(await editor.getByRole('checkbox', { name: /^1010/ }).count()).toBe(0);
    await web.shot('71-assignment');
    await editor.getByRole('button', { name: 'Zuweisung speichern' }).click();
    await poll(() => page.getByRole('status').textContent()).toBe('Zuweisung von empfang gespeichert.');
    const user = (await web.server.ok<Array<{ id: string; username: string }>>('/users')).find((u) => u.username === 'empfang')!;
    expect(await web.server.ok(`/users/${user.id}/assignment`)).toEqual({ queues: ['swf-web-a'], mailboxes: ['1011'] });
  });

  it('shows the operator only their queue and its caller', async () => {
    for (const queue of ['a', 'b']) callers.push((await ari.originate({ endpoint: `Local/${queue}@swf-web-queue`, app: ari.app })).id);
    // The admin's dashboard: both queues with a caller each.
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard', exact: true }).click();
    const queues = page.getByRole('table', { name: 'Warteschlangen' });
    await poll(() => queues.locator('tbody tr').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-id')} ${r.children[1]?.textContent}`))).toEqual(['swf-web-a 1', 'swf-web-b 1']);
    const calls = page.getByRole('table', { name: 'Laufende Gespräche' });
    await poll(() => calls.locator('tbody tr').count()).toBe(2); // two calls: each a ;1 leg in our app and its ;2 leg waiting

    await page.getByRole('button', { name: 'Abmelden' }).click();
    const login = page.getByRole('form', { name: 'Anmelden' });
    await login.getByLabel('Benutzername').fill('empfang');
    await login.getByLabel('Passwort').fill('empfang-eigenes-1');
    await login.getByRole('button', { name: 'Anmelden' }).click();
    await poll(() => page.getByTestId('signed-in').textContent()).toBe('Angemeldet als empfang (Operator)');
    await poll(() => queues.locator('tbody tr').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-id')} ${r.children[1]?.textContent}`))).toEqual(['swf-web-a 1']);
    await poll(() => calls.locator('tbody tr').count()).toBe(1); // not the call whose ;2 leg waits in swf-web-b
    await web.shot('72-operator-queues');
    // The operator's page asked for nothing beyond the role: no 403, no error but the 401 of the
    // session check right after the logout (the login page asks whether a session is left).
    expect(web.errors.filter((e) => !/status of 401\b/.test(e))).toEqual([]);
  });
});
