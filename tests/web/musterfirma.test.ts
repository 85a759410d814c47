/**
 * The main end-to-end test, done as a new user would, in headless Chromium against the real server
 * and the real local Asterisk: create extensions 1000 to 1003, draw the Musterfirma IVR on an empty
 * canvas with the mouse, fix what the diagnostics show, simulate "press 2" and look at the
 * coverage, publish (the confirmation shows the server's per-file diff), and then a Local-channel
 * call with DTMF 2 follows the drawn path on Asterisk to Support 1002. Also: a refused publish
 * shows its reason and changes nothing; a rollback to version 1 goes live.
 *
 * The drawn flow is a faithful subset of examples/musterfirma.flow.json:
 *   Start 100 -> Öffnungszeiten (Mon–Fri 08:00–18:00 Europe/Berlin, Bavarian holidays)
 *     open   -> Hauptmenü: 1 -> Vertrieb (Dial 1001), 2 -> Support (Dial 1002),
 *               timeout -> Mailbox 1000, invalid -> Auflegen
 *     closed -> Mailbox 1000
 *   Vertrieb and Support, no answer -> Mailbox 1000.
 *
 * Needs Debian chromium and a running Asterisk (asterisk.sh start + env); with CI=true a missing one fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowLibrary, simulate } from '@stumpfworks/engine';
import { parseFlow } from '@stumpfworks/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialplanHas, type AmiOptions } from '../../apps/server/src/asterisk/ami.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { AriClient } from '../support/ari.js';
import { keepGeneratedFiles, localAmi, serverAsteriskEnv } from '../support/local-asterisk.js';
import { canvasGestures, hasChromium, openWebSession, poll, type WebSession } from './harness.js';

const availability = await detectAsterisk();
// Its own id: the ARI suite's 'musterfirma' may be live in the same test Asterisk (a new flow's id
// follows its name until it is set or saved).
const FLOW = 'musterfirma-web';
const DID = '4930100';
/** Wednesday 3 June 2026, 12:00 in Berlin: open. The browser runs in UTC (10:00 there). */
const OPEN_AT = new Date('2026-06-03T12:00:00+02:00');
const APP = 'swf-web-e2e';

describeWithAsterisk(availability, 'the Musterfirma IVR, drawn, simulated, published and called', (asterisk) => {
  it('has chromium, or is not in CI', () => {
    if (process.env.CI === 'true') expect(hasChromium(), 'install Debian chromium: apt-get install chromium').toBe(true);
  });

  describe.skipIf(!hasChromium())('in Chromium on the real Asterisk', () => {
    const ami: AmiOptions = localAmi();
    const env = serverAsteriskEnv();
    let restoreFiles: (() => Promise<void>) | undefined;
    const liveFiles = () => Object.fromEntries(Object.keys(GENERATED_FILES).map((n) => [n, readFileSync(join(asterisk.confDir!, n), 'utf8')]));
    let breakNextPublish = false;
    let web: WebSession;
    let ari: AriClient;
    let page: WebSession['page'];
    let canvas: ReturnType<typeof canvasGestures>;

    beforeAll(async () => {
      restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
      web = await openWebSession(env, {
        // Fault injection: an unbalanced section header makes Asterisk drop the whole include.
        beforeWrite: (files) => (breakNextPublish ? { ...files, 'extensions.conf': `[broken-section\n${files['extensions.conf']}` } : files),
      });
      page = web.page;
      canvas = canvasGestures(page);
      // Confirmations (rollback) are accepted; the harness logged in.
      page.on('dialog', (dialog) => void dialog.accept());
      ari = await AriClient.connect(APP, asterisk);
    });

    afterAll(async () => {
      await ari?.close();
      await web?.close();
      await restoreFiles?.();
    });

    const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
    const diagnostics = () => page.locator('[data-testid="diagnostics-list"] li');
    const dialog = () => page.getByRole('dialog', { name: 'Veröffentlichen' });
    const transcript = () => page.locator('[data-testid="transcript"]');
    const versionItem = (v: number) => page.locator(`[data-testid="versions"] li[data-version="${v}"]`);
    /** The live dialplan of the flow: every context of extensions.conf named after it. */
    const flowContext = () =>
      readFileSync(join(asterisk.confDir!, 'extensions.conf'), 'utf8')
        .split(/\n(?=\[)/)
        .filter((section) => section.startsWith(`[swf-${FLOW}]`) || section.startsWith(`[swf-${FLOW}-`))
        .join('\n');

    /**
     * A Local-channel call into the inbound route with the clock at OPEN_AT: the caller leg sends
     * DTMF 2 once the flow reads keys. Returns the nodes the dialplan traced (SWFlowNode), its end
     * (SWFlowEnd) and the Dial() data it ran.
     */
    async function callAndPress2(label: string): Promise<{ visits: string[]; end: string; dials: string[] }> {
      const caller = `swf-web-${label}-caller`;
      const flowLeg = `swf-web-${label}-flow`;
      const visits: string[] = [];
      const dials: string[] = [];
      let callerReady = false;
      let reading = false;
      let sent = false;
      const sendOnce = () => {
        if (!callerReady || !reading || sent) return;
        sent = true;
        void ari.sendDtmf(caller, '2', { between: 120, duration: 100 });
      };
      const offs = [
        ari.on('StasisStart', (e) => {
          if (e.channel.id === caller) (callerReady = true), sendOnce();
        }),
        ari.on('ChannelDialplan', (e) => {
          if (e.channel.id !== flowLeg) return;
          const app = e.dialplan_app.toLowerCase();
          if (app === 'background' || app === 'read') (reading = true), sendOnce();
          if (app === 'dial') dials.push(e.dialplan_app_data);
        }),
        ari.on('ChannelUserevent', (e) => {
          if (e.channel?.id === flowLeg && e.eventname === 'SWFlowNode') visits.push(e.userevent.node!);
        }),
      ];
      const since = ari.mark();
      try {
        await ari.originate({
          endpoint: `Local/${DID}@stumpfworks-inbound`,
          app: APP,
          channelId: caller,
          otherChannelId: flowLeg,
          callerId: '0891234567',
          timeout: 60,
          variables: { __SWF_NOW: String(Math.floor(OPEN_AT.getTime() / 1000)) },
        });
        const end = await ari.waitFor('ChannelUserevent', (e) => e.channel?.id === flowLeg && e.eventname === 'SWFlowEnd', { since, timeoutMs: 45_000 });
        return { visits, end: `${end.userevent.outcome} ${end.userevent.node}`, dials };
      } finally {
        for (const off of offs) off();
        await ari.hangup(caller).catch((error: Error) => {
          if (!/404/.test(error.message)) throw error; // the call may have ended already
        });
      }
    }

    it('opens in German on an empty canvas and creates extensions 1000 to 1003 with mailboxes', async () => {
      await page.goto(web.server.server.url);
      expect(await page.locator('html').getAttribute('lang')).toBe('de');
      await poll(() => page.getByText('Der Ablauf ist leer').count()).toBe(1);
      expect(await page.locator('.react-flow__node').count()).toBe(0);
      await web.shot('30-empty-canvas');

      await nav('Nebenstellen');
      for (const [id, name] of [['1000', 'Zentrale'], ['1001', 'Vertrieb'], ['1002', 'Support'], ['1003', 'Buchhaltung']] as const) {
        await page.getByRole('button', { name: 'Neu anlegen' }).click();
        const form = page.getByRole('form', { name: 'Neu anlegen' });
        await form.getByLabel('Nummer', { exact: true }).fill(id);
        await form.getByLabel('Name', { exact: true }).fill(name);
        await form.getByLabel('Mailbox', { exact: true }).check();
        await form.getByLabel('Mailbox-PIN').fill('4711');
        await form.getByRole('button', { name: 'Speichern' }).click();
        await poll(() => page.getByTestId('secret').count()).toBe(1);
        if (id === '1003') await web.shot('31-extension-created');
        await page.getByTestId('shown-once').getByRole('button', { name: 'Schließen' }).click();
        await poll(() => page.locator(`tr[data-id="${id}"]`).count()).toBe(1);
      }
      await web.shot('32-extensions');

      // The dashboard shows them from Asterisk, the endpoint kind and Asterisk's state in the UI language.
      await nav('Dashboard');
      const endpoint = page.locator('tr[data-id="ext-1000"]');
      await poll(() => endpoint.locator('td').nth(1).textContent()).toBe('Nebenstelle');
      expect(['erreichbar', 'nicht erreichbar', 'unbekannt']).toContain(await endpoint.locator('td').nth(2).textContent());
      // What Asterisk has of the server's Stasis apps (issue 17, point 7).
      const runtime = page.getByRole('region', { name: 'ARI-Laufzeit (Abläufe im ARI-Modus)' });
      await poll(() => runtime.locator('[data-runtime]').textContent()).toBe('Asterisk hat alle Apps dieses Servers angemeldet.');
      const app = web.server.server.runtime!.health().apps[0]!.name;
      await poll(() => runtime.locator(`tr[data-id="${app}"] td`).allTextContents()).toEqual([app, 'führt Abläufe aus', 'bei Asterisk angemeldet', expect.any(String)]);
      await page.getByLabel('Sprache', { exact: true }).selectOption('en');
      await poll(() => endpoint.locator('td').nth(1).textContent()).toBe('Extension');
      expect(['online', 'offline', 'unknown']).toContain(await endpoint.locator('td').nth(2).textContent());
      await web.shot('32b-dashboard-english');
      await page.getByLabel('Language', { exact: true }).selectOption('de');
      await poll(() => endpoint.locator('td').nth(1).textContent()).toBe('Nebenstelle');
    });

    it('draws the IVR on the empty canvas by dragging each node from the palette', async () => {
      await nav('Editor');
      await page.getByLabel('Name des Ablaufs').fill('Musterfirma');
      await poll(() => page.getByLabel('Ablauf-ID').inputValue()).toBe('musterfirma');
      await page.getByLabel('Ablauf-ID').fill(FLOW);
      const grid: [string, number, number][] = [
        ['Start', 70, 200],
        ['TimeCondition', 220, 200],
        ['Menu', 380, 120],
        ['Dial', 580, 40],
        ['Dial', 580, 220],
        ['Voicemail', 580, 420],
        ['Hangup', 380, 440],
      ];
      for (const [type, x, y] of grid) await canvas.dragFromPalette(type, { x, y });
      expect(await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')))).toEqual([
        'start-1', 'time-condition-1', 'menu-1', 'dial-1', 'dial-2', 'voicemail-1', 'hangup-1',
      ]);
      // Every output is still open: the editor says so on the nodes and in the list.
      await poll(async () => (await diagnostics().allTextContents()).some((t) => t.startsWith('start-1'))).toBe(true);
      await web.shot('33-nodes-dropped');
    });

    it('connects the named outputs; a diagnostic is clicked, selects its node and is fixed', async () => {
      await canvas.layoutAndFit();
      await canvas.zoomOutOnce();
      await canvas.connect('start-1', 'next', 'time-condition-1');
      await canvas.connect('time-condition-1', 'open', 'menu-1');
      await canvas.connect('time-condition-1', 'closed', 'voicemail-1');
      await canvas.connect('menu-1', '1', 'dial-1');
      await canvas.connect('menu-1', '2', 'dial-2');
      await canvas.connect('menu-1', 'timeout', 'voicemail-1');
      await canvas.connect('menu-1', 'invalid', 'hangup-1');
      await canvas.connect('dial-1', 'noAnswer', 'voicemail-1');
      // One output is left open on purpose: the list names it, and a click selects the node.
      await poll(async () => (await diagnostics().allTextContents()).join('\n')).toContain('dial-2 (noAnswer)');
      await web.shot('34-diagnostic-left');
      await diagnostics().filter({ hasText: 'dial-2 (noAnswer)' }).getByRole('button').click();
      await poll(() => page.locator('.react-flow__node[data-id="dial-2"].selected').count()).toBe(1);
      await poll(() => page.locator('.node-form code').first().textContent()).toBe('dial-2');
      await canvas.connect('dial-2', 'noAnswer', 'voicemail-1');
      await poll(() => page.getByText('Keine Probleme gefunden.').count()).toBe(1);
    });

    it('fills the inspector: number, opening hours, prompt, and the targets from the server pickers', async () => {
      // The simulator calls the flow as it is drawn, at its clock (now, by default). A Wednesday
      // morning from here on: at a closed hour (after 18:00 in Berlin) that call would end in the
      // mailbox and count as a path tried, and the coverage below would depend on the time of day.
      await page.getByLabel('Datum und Uhrzeit').fill('2026-06-03T10:00');
      const form = page.getByRole('form');
      await canvas.fitAll();
      await canvas.selectNode('start-1');
      await form.getByLabel('Rufnummer').fill('100');
      await canvas.selectNode('time-condition-1');
      await form.getByLabel('Name auf der Fläche').fill('Geschäftszeiten');
      // Opening hours without JSON: a new node starts with Mon–Fri 08:00–18:00; the admin removes
      // that range, adds one, ticks the days and types the times.
      expect(await form.getByLabel('Zeitraum 1: Freitag').isChecked()).toBe(true);
      expect(await form.getByLabel('Zeitraum 1: Samstag').isChecked()).toBe(false);
      await form.getByRole('button', { name: 'Zeitraum 1: Entfernen' }).click();
      await poll(() => form.getByText('Keine Öffnungszeiten: immer geschlossen.').count()).toBe(1);
      await form.getByRole('button', { name: '+ Zeitraum hinzufügen' }).click();
      await form.getByLabel('Zeitraum 1: Samstag').check();
      await form.getByLabel('Zeitraum 1: Samstag').uncheck();
      await form.getByLabel('Zeitraum 1: von').fill('08:00');
      await form.getByLabel('Zeitraum 1: bis').fill('18:00');
      for (const day of ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag']) expect(await form.getByLabel(`Zeitraum 1: ${day}`).isChecked()).toBe(true);
      expect(await form.getByLabel('Zeitraum 1: Samstag').isChecked()).toBe(false);
      await web.shot('34b-opening-hours');
      await form.getByLabel('Feiertage des Bundeslands').selectOption('BY');
      await canvas.selectNode('menu-1');
      await form.getByLabel('Name auf der Fläche').fill('Hauptmenü');
      await form.getByLabel('Ansagetext (Deutsch)').fill('Willkommen bei Musterfirma. Für den Vertrieb drücken Sie die 1, für den Support die 2.');
      await form.getByLabel('Ansagetext (Englisch)').fill('Welcome to Musterfirma. For sales press 1, for support press 2.');
      for (const [node, label, target] of [['dial-1', 'Vertrieb', '1001'], ['dial-2', 'Support', '1002']] as const) {
        await canvas.selectNode(node);
        await form.getByLabel('Name auf der Fläche').fill(label);
        // The new node dials 1000; the admin empties the list and picks the extension from the server's.
        await form.getByLabel('Nebenstellen (Komma-getrennt)').fill('');
        await form.getByLabel('Nebenstellen: vom Server hinzufügen').selectOption(target);
        await poll(() => form.getByLabel('Nebenstellen (Komma-getrennt)').inputValue()).toBe(target);
      }
      await canvas.selectNode('voicemail-1');
      await form.getByLabel('Name auf der Fläche').fill('Mailbox Zentrale');
      await form.getByLabel('Mailbox', { exact: true }).selectOption('1000');
      await poll(() => page.getByText('Keine Probleme gefunden.').count()).toBe(1);
      await canvas.layoutAndFit();
      await web.shot('35-flow-drawn');
    });

    it('simulates a caller who presses 2 and reaches Support 1002', async () => {
      await page.getByLabel('Datum und Uhrzeit').fill('2026-06-03T10:00');
      await poll(() => transcript().textContent()).toContain('Für den Vertrieb');
      await page.getByRole('button', { name: 'Taste 2', exact: true }).click();
      await poll(() => transcript().textContent()).toContain('Wählt 1002');
      expect(await page.locator('.flow-node.active').getAttribute('data-node-id')).toBe('dial-2');
      expect(await page.locator('.react-flow__edge.taken').evaluateAll((edges) => edges.map((e) => e.getAttribute('data-testid')).sort())).toEqual([
        'rf__edge-menu-1:2->dial-2', 'rf__edge-start-1:next->time-condition-1', 'rf__edge-time-condition-1:open->menu-1',
      ]);
      await web.shot('36-simulator-dialling-1002');
      await page.getByRole('group', { name: 'Anruf an Nebenstelle' }).getByRole('button', { name: 'Keine Antwort' }).click();
      await poll(() => page.locator('[data-testid="outcome"]').textContent()).toBe('Ende: Mailbox 1000');
    });

    it('shows the coverage: the paths tried, and the nodes and outputs never reached, on the canvas too', async () => {
      await page.getByRole('button', { name: 'Abdeckung zeigen' }).click();
      const coverage = page.getByTestId('coverage');
      await poll(() => coverage.getByTestId('paths-tried').textContent()).toContain('2, noanswer → Ende: Mailbox 1000');
      expect(await coverage.getByTestId('coverage-summary').textContent()).toBe('Bausteine erreicht: 5/7 · Ausgänge erreicht: 4/9');
      expect(await coverage.getByTestId('unreached-nodes').textContent()).toContain('dial-1');
      // Unreached nodes and edges are marked on the canvas while the view is open.
      expect(await page.locator('.flow-node.unreached').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node-id')).sort())).toEqual(['dial-1', 'hangup-1']);
      expect(await page.locator('.react-flow__edge.unreached[data-testid="rf__edge-menu-1:invalid->hangup-1"]').count()).toBe(1);

      await coverage.getByRole('button', { name: 'Alle Wege ausprobieren' }).click();
      await poll(() => coverage.getByTestId('all-paths-result').count()).toBe(1);
      expect(await coverage.getByTestId('all-paths-result').textContent()).toMatch(/^\d+ Wege zum Zeitpunkt 2026-06-03 10:00 Europe\/Berlin ausprobiert/);
      // At an open hour every node is reached, but the closed branch never is.
      expect(await coverage.getByTestId('coverage-summary').textContent()).toBe('Bausteine erreicht: 7/7 · Ausgänge erreicht: 8/9');
      expect(await coverage.getByTestId('unreached-outputs').textContent()).toBe('time-condition-1 → Geschlossen → voicemail-1');
      expect(await page.locator('.react-flow__edge.unreached').evaluateAll((edges) => edges.map((e) => e.getAttribute('data-testid')))).toEqual([
        'rf__edge-time-condition-1:closed->voicemail-1',
      ]);
      await web.shot('37-coverage-open-hours');
      // A Sunday: the closed branch too.
      await page.getByLabel('Datum und Uhrzeit').fill('2026-06-07T10:00');
      await coverage.getByRole('button', { name: 'Alle Wege ausprobieren' }).click();
      await poll(() => coverage.getByTestId('coverage-summary').textContent()).toBe('Bausteine erreicht: 7/7 · Ausgänge erreicht: 9/9');
      expect(await page.locator('.react-flow__edge.unreached').count()).toBe(0);
      await page.getByRole('button', { name: 'Abdeckung ausblenden' }).click();
      await page.getByLabel('Datum und Uhrzeit').fill('2026-06-03T10:00');
    });

    it('saves, routes a number to the flow, and publishes: the confirmation shows the per-file diff', async () => {
      await page.getByRole('button', { name: 'Speichern' }).click();
      await poll(() => page.getByRole('status').filter({ hasText: 'Gespeichert' }).count()).toBe(1);
      await nav('Routen');
      const inbound = page.getByRole('region', { name: 'Eingehende Routen' });
      await inbound.getByRole('button', { name: 'Neu anlegen' }).click();
      const form = inbound.getByRole('form', { name: 'Neu anlegen' });
      await form.getByLabel('Kennung').fill('musterfirma');
      await form.getByLabel('Rufnummer (DID) oder Muster').fill(DID);
      await form.getByLabel('Ziel', { exact: true }).fill(FLOW);
      await form.getByRole('button', { name: 'Speichern' }).click();
      await poll(() => inbound.locator('tr[data-id="musterfirma"]').count()).toBe(1);
      await nav('Editor');

      const before = liveFiles();
      await page.getByRole('button', { name: 'Veröffentlichen…' }).click();
      await poll(() => dialog().getByTestId('file-diffs').count()).toBe(1);
      expect(await dialog().textContent()).toContain('als Version 1 eingefroren');
      expect(await dialog().getByText('Keine Probleme gefunden.').count()).toBe(1);
      expect(await dialog().getByTestId('changes').textContent()).toContain('Neue Bausteine: start-1, time-condition-1, menu-1, dial-1, dial-2, voicemail-1, hangup-1');
      const extensionsDiff = dialog().locator('details[data-file="extensions.conf"]');
      await extensionsDiff.locator('summary').click();
      expect(await extensionsDiff.locator('pre').textContent()).toContain(`+[swf-${FLOW}]`);
      expect(await extensionsDiff.locator('pre').textContent()).toContain(`+exten => ${DID},`);
      await web.shot('38-publish-confirm-diff');
      // The dry run changed nothing.
      expect(liveFiles()).toEqual(before);

      await dialog().getByRole('button', { name: 'Jetzt veröffentlichen' }).click();
      await poll(() => dialog().getByTestId('publish-result').textContent()).toContain('Version 1 ist live.');
      await web.shot('39-published');
      await dialog().getByRole('button', { name: 'Schließen' }).click();
      await poll(() => versionItem(1).locator('.badge.live').count()).toBe(1);
      expect(await dialplanHas(ami, `swf-${FLOW}`)).toBe(true);
      expect(await dialplanHas(ami, 'stumpfworks-inbound', DID)).toBe(true);
    });

    it('a Local-channel call with DTMF 2 follows the drawn path to Support 1002 on the real Asterisk', async () => {
      const call = await callAndPress2('v1');
      expect(call.visits.slice(0, 4)).toEqual(['start-1', 'time-condition-1', 'menu-1', 'dial-2']);
      expect(call.dials).toHaveLength(1);
      expect(call.dials[0]).toMatch(/^PJSIP\/1002\b/);
      // No phone is registered as 1002: Dial answers CHANUNAVAIL, and the flow goes on as the
      // simulator says for "2, unavailable" on the published document.
      const published = parseFlow(await web.server.ok(`/flows/${FLOW}/versions/1`));
      if (!published.ok) throw new Error('the published version does not parse');
      const simulated = simulate(flowLibrary([published.flow]), FLOW, ['2', 'unavailable'], { at: OPEN_AT, callerId: '0891234567' });
      expect(call.visits).toEqual(simulated.visits.map((v) => v.nodeId));
      expect(call.end).toBe(`${simulated.outcome!.kind} ${simulated.outcome!.nodeId}`);
    });

    it('publishes version 2 (Support moves to 1003), then a refused publish shows its reason and changes nothing', async () => {
      await canvas.selectNode('dial-2');
      const form = page.getByRole('form');
      await form.getByLabel('Nebenstellen (Komma-getrennt)').fill('1003');
      await page.getByRole('button', { name: 'Veröffentlichen…' }).click();
      await poll(() => dialog().getByTestId('file-diffs').count()).toBe(1);
      expect(await dialog().getByTestId('changes').textContent()).toBe('Geänderte Bausteine: dial-2');
      await dialog().getByRole('button', { name: 'Jetzt veröffentlichen' }).click();
      await poll(() => dialog().getByTestId('publish-result').textContent()).toContain('Version 2 ist live.');
      await dialog().getByRole('button', { name: 'Schließen' }).click();
      await poll(() => versionItem(2).locator('.badge.live').count()).toBe(1);
      expect(flowContext()).toContain('PJSIP/1003');

      // Version 3: a new greeting, which Asterisk refuses (a broken file, injected on the server).
      await canvas.selectNode('menu-1');
      await form.getByLabel('Ansagetext (Deutsch)').fill('Grüß Gott bei Musterfirma. Für den Vertrieb die 1, für den Support die 2.');
      const before = liveFiles();
      await page.getByRole('button', { name: 'Veröffentlichen…' }).click();
      await poll(() => dialog().getByTestId('file-diffs').count()).toBe(1);
      breakNextPublish = true;
      await dialog().getByRole('button', { name: 'Jetzt veröffentlichen' }).click();
      const refused = dialog().getByTestId('publish-refused');
      await poll(() => refused.count()).toBe(1);
      breakNextPublish = false;
      expect(await refused.textContent()).toContain('Asterisk hat die Konfiguration nicht angenommen; die vorherigen Dateien wurden wiederhergestellt.');
      expect(await refused.textContent()).toContain('(HTTP 502)');
      expect(await refused.textContent()).toContain('Version 3 ist als abgelehnt in der Historie vermerkt und nicht freigegeben; live bleibt, was vorher lief.');
      await web.shot('40-publish-refused');
      await dialog().getByRole('button', { name: 'Schließen' }).click();
      // The browser logs the refused request; that one is expected, nothing else.
      expect(web.errors).toEqual(['Failed to load resource: the server responded with a status of 502 (Bad Gateway)']);
      web.errors.length = 0;

      // Nothing changed: the same files, the same live dialplan, version 2 released and live.
      expect(liveFiles()).toEqual(before);
      expect(await dialplanHas(ami, 'broken-section')).toBe(false);
      expect(await dialplanHas(ami, `swf-${FLOW}`)).toBe(true);
      expect(((await web.server.ok(`/flows/${FLOW}`)) as { publishedVersion: number }).publishedVersion).toBe(2);
      await poll(() => versionItem(3).locator('.badge.refused-version').count()).toBe(1);
      expect(await versionItem(2).locator('.badge.live').count()).toBe(1);
      expect(await versionItem(3).getByRole('button').count()).toBe(0);
      await web.shot('41-history-after-refusal');
    });

    it('rolls back to version 1: a new version 4, live, and a call reaches 1002 again', async () => {
      await versionItem(1).getByRole('button', { name: 'Zurück auf v1' }).click();
      await poll(() => dialog().getByTestId('publish-result').textContent()).toContain('Zurück auf Version 1: Version 4 ist live.');
      await dialog().getByRole('button', { name: 'Schließen' }).click();
      await poll(() => versionItem(4).locator('.badge.live').count()).toBe(1);
      expect(await versionItem(4).textContent()).toContain('Kopie von v1');
      // The editor shows what is live again: Support dials 1002.
      await canvas.selectNode('dial-2');
      expect(await page.getByRole('form').getByLabel('Nebenstellen (Komma-getrennt)').inputValue()).toBe('1002');
      expect(flowContext()).toContain('PJSIP/1002');
      expect(flowContext()).not.toContain('PJSIP/1003');
      await web.shot('42-rolled-back');

      const call = await callAndPress2('v4');
      expect(call.visits.slice(0, 4)).toEqual(['start-1', 'time-condition-1', 'menu-1', 'dial-2']);
      expect(call.dials[0]).toMatch(/^PJSIP\/1002\b/);
      expect(web.errors).toEqual([]);
    });
  });
});
