/**
 * Publishing from the editor, the version history, and the admin pages, in headless Chromium
 * against the real server without Asterisk: the dry run and every publish answer 503 and change
 * nothing (tests/web/musterfirma.test.ts publishes and rolls back on the real Asterisk).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedResource } from '../../apps/server/src/testing.js';
import { hasChromium, openWebSession, poll, silence, type WebSession } from './harness.js';

describe.skipIf(!hasChromium())('publishing and admin pages in Chromium', () => {
  let web: WebSession;
  let page: WebSession['page'];
  let server: WebSession['server'];

  beforeAll(async () => {
    web = await openWebSession();
    ({ page, server } = web);
    // Confirmations (rollback, delete) are accepted; the harness logged in.
    page.on('dialog', (dialog) => void dialog.accept());
    const example = JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/musterfirma.flow.json'), 'utf8')) as unknown;
    expect((await server.api('/flows/import', { method: 'POST', json: example })).status).toBe(200);
  });

  afterAll(async () => {
    await web?.close();
  });

  const shot = (name: string) => web.shot(name);
  const dialog = () => page.getByRole('dialog', { name: 'Veröffentlichen' });
  const versions = async () => (await server.ok('/flows/musterfirma/versions')) as { version: number; published: boolean; refused: boolean; rollbackOf: number | null }[];
  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  /** Page and console errors besides the HTTP errors the pages show (no Asterisk: 503s; 422s, 404s). */
  const unexpectedErrors = () => web.errors.filter((e) => !/^Failed to load resource: the server responded with a status of (404|422|503)\b/.test(e));

  it('shows validation and changes before publishing, and the clear reason when the server refuses', async () => {
    await page.goto(server.server.url);
    await page.getByRole('button', { name: 'Laden…' }).click();
    await page.getByLabel('Abläufe').selectOption('musterfirma');
    await poll(() => page.locator('.react-flow__node').count()).toBe(19);

    // The editor checks against the server's lists: none of the example's extensions exist yet,
    // so the dialog shows why it cannot be published (the server would refuse it with 422 too).
    await poll(async () => (await page.locator('[data-testid="diagnostics-list"] li').allTextContents()).join('\n')).toContain('Die Nebenstelle „1002“ gibt es nicht.');
    await page.getByRole('button', { name: 'Veröffentlichen…' }).click();
    await poll(() => dialog().getByTestId('publish-blocked').count()).toBe(1);
    expect(await dialog().getByTestId('publish-blocked').textContent()).toContain('support: Die Nebenstelle „1002“ gibt es nicht.');
    expect(await dialog().getByTestId('preview').textContent()).toBe('Erst nach dem Beheben der Fehler.');
    expect(await dialog().getByRole('button', { name: 'Jetzt veröffentlichen' }).isDisabled()).toBe(true);
    await shot('10-publish-blocked-unknown-extensions');
    await dialog().getByRole('button', { name: 'Abbrechen' }).click();

    for (const id of ['1000', '1001', '1002', '1003']) {
      const res = await server.api('/extensions', { method: 'POST', json: { id, name: `Platz ${id}`, voicemail: { enabled: true, pin: '4711' } } });
      expect(res.status).toBe(201);
    }
    await page.getByRole('button', { name: 'Veröffentlichen…' }).click();
    await poll(() => dialog().getByText('Keine Probleme gefunden.').count()).toBe(1);
    expect(await dialog().textContent()).toContain('als Version 1 eingefroren');
    expect(await dialog().getByTestId('changes').textContent()).toContain('Neue Bausteine: ');
    // The server's dry run needs the live files: without Asterisk it says why, and publishing may still be tried.
    await poll(() => dialog().getByTestId('preview-refused').textContent()).toContain('Vorschau nicht möglich: no Asterisk connection configured');
    await shot('11-publish-confirm');
    await dialog().getByRole('button', { name: 'Jetzt veröffentlichen' }).click();
    const refused = dialog().getByTestId('publish-refused');
    await poll(() => refused.count()).toBe(1);
    expect(await refused.textContent()).toContain('no Asterisk connection configured');
    expect(await refused.textContent()).toContain('(HTTP 503)');
    expect(await refused.textContent()).toContain('Es wurde nichts geändert.');
    await shot('12-publish-refused-503');

    // Nothing went live, and no version was frozen.
    const publishes = (await server.ok('/publishes')) as { outcome: string }[];
    expect(publishes.filter((p) => p.outcome === 'applied')).toEqual([]);
    expect(await versions()).toEqual([]);
    await dialog().getByRole('button', { name: 'Schließen' }).click();
    expect(await page.getByText('Noch keine Version veröffentlicht.').count()).toBe(1);
    expect(await page.locator('.badge.live').count()).toBe(0);
  });

  it('blocks publishing a flow with errors', async () => {
    // Two versions released through the API (the way scripts do it without Asterisk).
    expect((await server.api('/flows/musterfirma/versions', { method: 'POST' })).status).toBe(201);
    expect((await server.api('/flows/musterfirma/versions', { method: 'POST' })).status).toBe(201);
    await page.getByRole('button', { name: 'Neu', exact: true }).click();
    await poll(() => page.locator('.react-flow__node').count()).toBe(0);
    await page.getByRole('button', { name: 'Veröffentlichen…' }).click();
    await poll(() => dialog().getByTestId('publish-blocked').count()).toBe(1);
    expect(await dialog().getByRole('button', { name: 'Jetzt veröffentlichen' }).isDisabled()).toBe(true);
    // "Neu" is a flow of its own (before, it emptied musterfirma under its id: "Entfernte Bausteine"):
    // nothing released to compare with, and the empty flow is the reason it is blocked.
    expect(await dialog().getByTestId('changes').textContent()).toBe('Keine Änderungen am Ablauf.');
    expect(await dialog().getByTestId('publish-blocked').textContent()).toContain('Der Ablauf ist leer');
    await shot('13-publish-blocked-empty');
    await dialog().getByRole('button', { name: 'Abbrechen' }).click();
    await page.getByRole('button', { name: 'Laden…' }).click();
    await page.getByLabel('Abläufe').selectOption('musterfirma');
    await poll(() => page.locator('.react-flow__node').count()).toBe(19);
  });

  it('shows the version history; a rollback the server refuses changes nothing', async () => {
    await poll(() => page.locator('[data-testid="versions"] li').count()).toBe(2);
    expect(await page.locator('[data-testid="versions"] li[data-version="2"] .badge').allTextContents()).toEqual(['freigegeben']);
    await page.getByRole('button', { name: 'Zurück auf v1' }).click();
    const refused = dialog().getByTestId('publish-refused');
    await poll(() => refused.count()).toBe(1);
    expect(await refused.textContent()).toContain('(HTTP 503)');
    expect(await refused.textContent()).toContain('Es wurde nichts geändert.');
    await dialog().getByRole('button', { name: 'Schließen' }).click();
    expect((await versions()).map((v) => [v.version, v.published, v.refused])).toEqual([
      [2, true, false],
      [1, false, false],
    ]);
    await shot('14-version-history');
  });

  it('creates an extension: errors as you type, the server 422 on its fields, the secret once', async () => {
    await nav('Nebenstellen');
    await page.getByRole('button', { name: 'Neu anlegen' }).click();
    const form = page.getByRole('form', { name: 'Neu anlegen' });
    await form.getByLabel('Nummer', { exact: true }).fill('0123');
    // The checks as you type speak the UI language (German here, English in the last test).
    await poll(() => form.locator('.field-error').first().textContent()).toBe('Eine Nebenstellennummer hat 2 bis 6 Ziffern und beginnt nicht mit 0');
    await form.getByLabel('Nummer', { exact: true }).fill('1010');
    await form.getByLabel('Name', { exact: true }).fill('Empfang');
    const fieldError = (label: string) => form.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');
    await form.getByLabel('SIP-Passwort').fill('1010-kurz');
    await poll(() => fieldError('SIP-Passwort').textContent()).toBe('Unsicheres Passwort: mindestens 16 Zeichen');
    await form.getByLabel('SIP-Passwort').fill('abcdefgh-1010-xyz');
    await poll(() => fieldError('SIP-Passwort').textContent()).toBe('Unsicheres Passwort: darf die Nebenstellennummer nicht enthalten');
    // Both pass the checks in the browser; the server refuses them with field issues, in the UI language too.
    await form.getByLabel('SIP-Passwort').fill('abcdefghijklmnopqr');
    await form.getByLabel('Mailbox-E-Mail').fill('kein-mail');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await poll(() => fieldError('SIP-Passwort').textContent()).toBe(
      'Unsicheres Passwort: braucht mindestens drei von: Kleinbuchstaben, Großbuchstaben, Ziffern, Sonderzeichen',
    );
    expect(await fieldError('Mailbox-E-Mail').count()).toBe(1);
    expect(await fieldError('Mailbox-E-Mail').textContent()).toBe('Ungültig: E-Mail-Adresse');
    expect(await form.getByLabel('SIP-Passwort').getAttribute('aria-invalid')).toBe('true');
    await shot('15-extension-server-errors');
    expect((await server.api('/extensions/1010')).status).toBe(404);

    await form.getByLabel('SIP-Passwort').fill('');
    await form.getByLabel('Mailbox-E-Mail').fill('empfang@example.com');
    await form.getByRole('button', { name: 'Speichern' }).click();
    const secret = page.getByTestId('secret');
    await poll(() => secret.count()).toBe(1);
    // The API never shows a secret again (it answers ********): compare with what is stored.
    expect(((await server.ok('/extensions/1010')) as { secret: string }).secret).toBe('********');
    const stored = storedResource<{ secret: string }>(server, 'extension', '1010')!;
    expect(await secret.textContent()).toBe(stored.secret);
    expect(stored.secret.length).toBeGreaterThanOrEqual(16);
    await poll(() => page.locator('tr[data-id="1010"]').count()).toBe(1);
    await shot('16-extension-secret-once');

    // Once: closed, it is gone; the table and the edit form never show it.
    await page.getByTestId('shown-once').getByRole('button', { name: 'Schließen' }).click();
    expect(await page.getByText(stored.secret).count()).toBe(0);
    await page.getByRole('button', { name: 'Bearbeiten 1010' }).click();
    expect(await page.getByRole('form', { name: 'Bearbeiten 1010' }).getByLabel('SIP-Passwort').inputValue()).toBe('');
    expect(await page.getByRole('form', { name: 'Bearbeiten 1010' }).getByLabel('Nummer', { exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Abbrechen' }).click();
  });

  it('searches and sorts the extension table', async () => {
    await nav('Dashboard');
    await nav('Nebenstellen');
    const ids = () => page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    await poll(ids).toEqual(['1000', '1001', '1002', '1003', '1010']);
    await page.getByRole('columnheader', { name: 'Nummer' }).getByRole('button').click();
    await poll(ids).toEqual(['1010', '1003', '1002', '1001', '1000']);
    await page.getByLabel('Suchen').fill('empf');
    await poll(ids).toEqual(['1010']);
  });

  it('offers the server lists as pickers in the inspector, and flags unknown references', async () => {
    await nav('Editor');
    await page.getByRole('button', { name: 'Neu', exact: true }).click();
    for (const name of ['Start hinzufügen', 'Mailbox hinzufügen', 'Anrufen hinzufügen']) await page.getByRole('button', { name, exact: true }).click();
    await poll(() => page.locator('.react-flow__node').count()).toBe(3);
    const ids = await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')!));
    const [, mailbox, dial] = ids as [string, string, string];
    await page.locator(`.react-flow__node[data-id="${mailbox}"] .flow-node-head`).click();
    const picker = page.getByRole('form').getByLabel('Mailbox', { exact: true });
    expect(await picker.evaluate((el) => el.tagName)).toBe('SELECT');
    // Only extensions with a voicemail box are mailboxes (1010 has none).
    expect(await picker.locator('option').allTextContents()).toEqual(['—', '1000', '1001', '1002', '1003']);
    await picker.selectOption('1002');
    await page.locator(`.react-flow__node[data-id="${dial}"] .flow-node-head`).click();
    const add = page.getByRole('form').getByLabel('Nebenstellen: vom Server hinzufügen');
    await add.selectOption('1010');
    await add.selectOption('1001');
    expect(await page.getByRole('form').getByLabel('Nebenstellen', { exact: false }).first().inputValue()).toBe('1000, 1010, 1001'); // 1000: the new node's default
    // Free text still works; an unknown one is a diagnostic on the node.
    await page.getByRole('form').getByLabel('Nebenstellen', { exact: false }).first().fill('1010, 4242');
    await poll(async () => (await page.locator('[data-testid="diagnostics-list"] li').allTextContents()).join('\n')).toContain('Die Nebenstelle „4242“ gibt es nicht.');
    await shot('17-inspector-pickers');
  });

  it('puts server issues on list fields: an outbound route may not block emergency numbers', async () => {
    await nav('Routen');
    const outbound = page.getByRole('region', { name: 'Ausgehende Routen' });
    await outbound.getByRole('button', { name: 'Neu anlegen' }).click();
    const form = outbound.getByRole('form', { name: 'Neu anlegen' });
    await form.getByLabel('Kennung').fill('sperre');
    await form.getByLabel('Name', { exact: true }).fill('Alles sperren');
    await form.getByLabel('Muster').fill('_0X., 112');
    await form.getByLabel('Sperren').check();
    await form.getByRole('button', { name: 'Speichern' }).click();
    const error = form.locator('.field', { has: page.getByLabel('Muster') }).locator('.field-error');
    await poll(() => error.textContent()).toBe('Würde die Notrufnummern 110/112 sperren');
    await form.getByLabel('Muster').fill('_0900X.');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await poll(() => outbound.locator('tr[data-id="sperre"]').count()).toBe(1);
  });

  it('makes a prompt from text, uploads a WAV and plays them', async () => {
    await nav('Ansagen');
    await page.getByLabel('Kennung').fill('begruessung');
    await page.getByLabel('Name', { exact: true }).fill('Begrüßung');
    await page.getByLabel('Text (Sprachausgabe)').fill('Willkommen bei der Musterfirma.');
    await page.getByRole('button', { name: 'Aus Text erzeugen' }).click();
    await poll(() => page.locator('tr[data-id="begruessung"]').textContent()).toContain('Sprachausgabe (Deutsch)');

    await page.getByLabel('Kennung').fill('stille');
    await page.getByLabel('Name', { exact: true }).fill('Stille');
    await page.getByLabel('WAV-Datei').setInputFiles({ name: 'stille.wav', mimeType: 'audio/wav', buffer: silence() });
    await page.getByRole('button', { name: 'Hochladen' }).click();
    await poll(() => page.locator('tr[data-id="stille"]').textContent()).toContain('Hochgeladen');

    await page.getByRole('button', { name: '▶ begruessung' }).click();
    const audio = page.locator('audio');
    await poll(() => audio.count()).toBe(1);
    await poll(() => audio.evaluate((el) => (el as unknown as { duration: number }).duration)).toBeGreaterThan(0.5);
    await shot('18-prompts');
  });

  it('shows the dashboard with the reason when Asterisk is not reachable', async () => {
    await nav('Dashboard');
    await poll(() => page.getByRole('alert').textContent()).toContain('503');
    await poll(() => page.locator('[data-runtime]').textContent()).toBe('Dieser Server führt keine ARI-Laufzeit aus (kein Asterisk eingerichtet).');
    await shot('19-dashboard');
  });

  it('lists the SIP bans on the dashboard and lifts one', async () => {
    const attacker = '203.0.113.9';
    for (let i = 0; i < 10; i++) {
      await server.server.security.guard.handle({ kind: 'failure', event: 'ChallengeResponseFailed', address: attacker, account: '1002', session: `s${i}`, time: Date.now() });
    }
    await nav('Dashboard');
    const row = page.locator(`tr[data-id="${attacker}"]`);
    await poll(() => row.textContent()).toContain('10 fehlgeschlagene Anmeldungen (ChallengeResponseFailed ×10; 1002)');
    expect(await row.textContent()).toContain('noch nicht in Kraft'); // no Asterisk to enforce it
    await shot('19b-dashboard-bans');
    await row.getByRole('button', { name: `Freigeben ${attacker}` }).click();
    await poll(() => row.count()).toBe(0);
    expect(((await server.ok('/security/bans')) as { bans: unknown[] }).bans).toEqual([]);
  });

  it('creates a trunk from a provider preset', async () => {
    await nav('Leitungen');
    await page.getByRole('button', { name: 'Neu anlegen' }).click();
    const form = page.getByRole('form', { name: 'Neu anlegen' });
    await form.getByLabel('Kennung').fill('sipgate-haupt');
    await form.getByLabel('Name', { exact: true }).fill('sipgate Hauptanschluss');
    await form.getByLabel('Benutzername').fill('1234567e0');
    await form.getByLabel('Passwort').fill('geheimesPasswort9');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await poll(() => page.locator('tr[data-id="sipgate-haupt"]').textContent()).toContain('sipgate.de');
    await shot('20-trunks');
    expect(unexpectedErrors()).toEqual([]);
  });

  it('shows the admin pages in English, table values, choices and checks included', async () => {
    const inbound = { id: 'zentrale', did: '4930100', target: { type: 'flow', id: 'musterfirma' } };
    expect((await server.api('/routes/inbound', { method: 'POST', json: inbound })).status).toBe(201);
    const row = (id: string) => page.locator(`tr[data-id="${id}"]`);
    const options = (form: ReturnType<typeof page.getByRole>, label: string) => form.getByLabel(label, { exact: true }).locator('option').allTextContents();
    await nav('Routen');
    await poll(() => row('zentrale').textContent()).toContain('Ablauf musterfirma');
    expect(await row('sperre').textContent()).toContain('⛔ gesperrt');

    await page.getByLabel('Sprache', { exact: true }).selectOption('en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await poll(() => row('zentrale').textContent()).toContain('Flow musterfirma');
    expect(await row('sperre').textContent()).toContain('⛔ blocked');
    const inboundPage = page.getByRole('region', { name: 'Inbound routes' });
    await inboundPage.getByRole('button', { name: 'Create' }).click();
    const routeForm = inboundPage.getByRole('form', { name: 'Create' });
    await poll(() => options(routeForm, 'Target kind')).toEqual(['Flow', 'Extension']);
    await routeForm.getByRole('button', { name: 'Save' }).click();
    await poll(() => routeForm.locator('.field-error').allTextContents()).toEqual(['lower-case letters, digits and -', 'required', 'required']);
    await routeForm.getByRole('button', { name: 'Cancel' }).click();

    await nav('Extensions');
    // The routes page (two Create buttons) may still be shown until the navigation renders.
    const extensionsPage = page.getByRole('region', { name: 'Extensions' });
    await extensionsPage.getByRole('button', { name: 'Create' }).click();
    const extForm = extensionsPage.getByRole('form', { name: 'Create' });
    await extForm.getByLabel('Number', { exact: true }).fill('0123');
    await extForm.getByLabel('SIP secret').fill('short');
    await poll(() => extForm.locator('.field-error').allTextContents()).toEqual([
      'an extension number has 2 to 6 digits and does not start with 0',
      'weak secret: must be at least 16 characters',
    ]);
    await shot('21-extension-checks-english');
    // The server's checks follow the switched language too.
    await extForm.getByLabel('Number', { exact: true }).fill('1011');
    await extForm.getByLabel('Name', { exact: true }).fill('Again');
    await extForm.getByLabel('SIP secret').fill('abcdefghijklmnopqr');
    await extForm.getByRole('button', { name: 'Save' }).click();
    await poll(() => extForm.locator('.field-error').allTextContents()).toEqual(['weak secret: needs at least three of: lower case, upper case, digits, symbols']);
    expect((await server.api('/extensions/1011')).status).toBe(404);
    await extForm.getByRole('button', { name: 'Cancel' }).click();

    await nav('Trunks');
    await poll(() => row('sipgate-haupt').count()).toBe(1);
    await page.getByRole('button', { name: 'Create' }).click();
    const trunkForm = page.getByRole('form', { name: 'Create' });
    await poll(() => options(trunkForm, 'Type')).toEqual(['Registration (username and password)', 'Fixed IP address (no registration)']);
    expect((await options(trunkForm, 'Provider preset'))[0]).toBe('none (own server)');
    await trunkForm.getByRole('button', { name: 'Cancel' }).click();

    await nav('Queues');
    await page.getByRole('button', { name: 'Create' }).click();
    const queueForm = page.getByRole('form', { name: 'Create' });
    await poll(() => options(queueForm, 'Strategy')).toContain('Round robin with memory (rrmemory)');
    await queueForm.getByRole('button', { name: 'Cancel' }).click();

    await nav('Prompts');
    await poll(() => row('begruessung').textContent()).toContain('Text to speech (German)');
    expect(await row('stille').textContent()).toContain('Upload');
    await shot('22-prompts-english');

    await page.getByLabel('Language', { exact: true }).selectOption('de');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await poll(() => row('begruessung').textContent()).toContain('Sprachausgabe (Deutsch)');
    expect(unexpectedErrors()).toEqual([]);
  });
});
