/**
 * The editor and simulator in headless Chromium, served by the real server (no Asterisk): build a
 * flow from the palette, connect outputs, watch the diagnostics, simulate "press 2", save it.
 * Needs Debian's chromium (/usr/bin/chromium); with CI=true a missing one fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_TYPES } from '@stumpfworks/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFlow } from '../../bench/generate.js';
import { canvasGestures, hasChromium, openWebSession, poll, type WebSession } from './harness.js';

const available = hasChromium();

it('has chromium, or is not in CI', () => {
  if (process.env.CI === 'true') expect(available, 'install Debian chromium: apt-get install chromium').toBe(true);
});

describe.skipIf(!available)('web editor in Chromium', () => {
  let web: WebSession;
  let page: WebSession['page'];
  let server: WebSession['server'];
  let errors: string[];
  let gestures: ReturnType<typeof canvasGestures>;

  beforeAll(async () => {
    // A browser zone other than the flows' (Europe/Berlin): the simulator's clock reads the flow's.
    web = await openWebSession({}, {}, { timezoneId: 'America/New_York' });
    ({ page, server, errors } = web);
    gestures = canvasGestures(page);
    // The editor is logged in from the start (the harness), so it checks references against the
    // server's lists: the flows drawn here and the Musterfirma example dial these extensions.
    for (const id of ['1000', '1001', '1002', '1003']) {
      await server.ok('/extensions', { method: 'POST', json: { id, name: `Platz ${id}`, voicemail: { enabled: true, pin: '4711' } } }, 201);
    }
  });

  afterAll(async () => {
    await web?.close();
  });

  const shot = (name: string) => web.shot(name);
  const diagnostics = () => page.locator('[data-testid="diagnostics-list"] li');
  const connect = (from: string, output: string, to: string) => gestures.connect(from, output, to);
  const layoutAndFit = () => gestures.layoutAndFit();
  const selectNode = (id: string) => gestures.selectNode(id);

  it('serves the app at / and keeps the API at /api/v1', async () => {
    const res = await fetch(`${server.server.url}/api/v1/flows`);
    expect(res.status).toBe(401);
    await page.goto(server.server.url);
    // One palette entry per node type of the catalogue.
    await poll(() => page.locator('.palette-item').count()).toBe(NODE_TYPES.length);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await poll(() => page.getByText('Der Ablauf ist leer').count()).toBe(1);
    // The app's scripts came gzipped: fewer bytes on the wire than the browser unpacked.
    const scripts = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((entry) => /\/assets\/index-[^/]+\.js$/.test(entry.name))
        .map((entry) => ({ encoded: entry.encodedBodySize, decoded: entry.decodedBodySize })),
    );
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.encoded).toBeLessThan(scripts[0]!.decoded / 2);
    await shot('01-empty-editor');
  });

  it('adds Start and Menu by drag and drop, two Dials and a Hangup by keyboard', async () => {
    const canvas = page.locator('[data-testid="canvas"]');
    await page.locator('.palette-item[data-type="Start"]').dragTo(canvas, { targetPosition: { x: 120, y: 120 } });
    await poll(() => page.locator('.react-flow__node').count()).toBe(1);
    await page.locator('.palette-item[data-type="Menu"]').dragTo(canvas, { targetPosition: { x: 420, y: 120 } });
    await poll(() => page.locator('.react-flow__node').count()).toBe(2);
    for (const name of ['Anrufen hinzufügen', 'Anrufen hinzufügen', 'Auflegen hinzufügen']) {
      await page.getByRole('button', { name, exact: true }).focus();
      await page.keyboard.press('Enter');
    }
    await poll(() => page.locator('.react-flow__node').count()).toBe(5);
    expect(await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')))).toEqual([
      'start-1', 'menu-1', 'dial-1', 'dial-2', 'hangup-1',
    ]);
    // Unconnected outputs are errors on the nodes and in the list.
    await poll(async () => (await diagnostics().allTextContents()).some((t) => t.startsWith('start-1'))).toBe(true);
    await layoutAndFit();
    // A click on a diagnostic selects its node.
    await diagnostics().filter({ hasText: 'dial-2 (noAnswer)' }).getByRole('button').click();
    await poll(() => page.locator('.node-form code').first().textContent()).toBe('dial-2');
    await poll(() => page.locator('.react-flow__node[data-id="dial-2"].selected').count()).toBe(1);
    await shot('02-nodes-added');
    await page.getByRole('button', { name: 'Alles zeigen' }).click();
    await page.waitForTimeout(600);
  });

  it('connects named outputs and the diagnostics follow', async () => {
    const before = await diagnostics().count();
    await connect('start-1', 'next', 'menu-1');
    await poll(() => diagnostics().count()).toBeLessThan(before);
    await connect('menu-1', '1', 'dial-1');
    await connect('menu-1', '2', 'dial-2');
    await connect('menu-1', 'timeout', 'hangup-1');
    await connect('menu-1', 'invalid', 'hangup-1');
    await connect('dial-1', 'noAnswer', 'hangup-1');
    await connect('dial-2', 'noAnswer', 'hangup-1');
    await poll(() => page.getByText('Keine Probleme gefunden.').count()).toBe(1);

    // Undo takes the last edge back and its diagnostic returns; redo restores it.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await poll(async () => (await diagnostics().allTextContents()).join('\n')).toContain('dial-2 (noAnswer)');
    await page.keyboard.press('Control+y');
    await poll(() => page.getByText('Keine Probleme gefunden.').count()).toBe(1);
    // elk (in the worker) lays the flow out left to right: start, menu, dials, hang-up.
    await layoutAndFit();
    const x = async (id: string) => (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!.x;
    const [start, menu, dial, hangup] = [await x('start-1'), await x('menu-1'), await x('dial-2'), await x('hangup-1')];
    expect(start < menu && menu < dial && dial < hangup, `x: ${start} ${menu} ${dial} ${hangup}`).toBe(true);
  });

  it('edits params in the generated inspector', async () => {
    await selectNode('dial-2');
    const targets = page.getByRole('textbox', { name: /^Nebenstellen/ });
    await targets.fill('1002');
    await selectNode('dial-1');
    await page.getByRole('textbox', { name: /^Nebenstellen/ }).fill('1001');
    // A choice shows its values by their German labels; the flow keeps the stored value (checked once saved).
    const strategy = page.getByLabel('Reihenfolge');
    expect(await strategy.locator('option').allTextContents()).toEqual(['alle gleichzeitig', 'nacheinander']);
    expect(await strategy.inputValue()).toBe('simultaneous');
    await strategy.selectOption({ label: 'nacheinander' });
    await poll(() => strategy.inputValue()).toBe('sequential');
    await selectNode('menu-1');
    await page.getByLabel('Ansagetext (Deutsch)').fill('Für den Vertrieb drücken Sie die 1, für den Support die 2.');
    await page.getByLabel('Name auf der Fläche').fill('Hauptmenü');
    // A value out of range is a diagnostic on the node.
    await page.getByLabel('Wartezeit (Sekunden)').fill('99');
    await poll(async () => (await diagnostics().allTextContents()).join('\n')).toContain('timeoutSeconds');
    await page.getByLabel('Wartezeit (Sekunden)').fill('5');
    await poll(() => page.getByText('Keine Probleme gefunden.').count()).toBe(1);
    await shot('03-flow-with-inspector');
  });

  it('simulates a caller who presses 2 and reaches 1002', async () => {
    const transcript = page.locator('[data-testid="transcript"]');
    await poll(() => transcript.textContent()).toContain('Für den Vertrieb');
    await page.getByRole('button', { name: 'Taste 2', exact: true }).click();
    await poll(() => transcript.textContent()).toContain('Wählt 1002');
    expect(await page.locator('.flow-node.active').getAttribute('data-node-id')).toBe('dial-2');
    expect(await page.locator('.react-flow__edge.taken').count()).toBe(2);
    // What the call waits for, in words (the script's words are the tooltips).
    expect(await page.locator('[data-testid="waiting"]').textContent()).toBe('Wartet auf: dial-2 (Angenommen, Besetzt, Keine Antwort, Nicht erreichbar)');
    expect(await page.locator('[data-testid="waiting"] span[title]').evaluateAll((spans) => spans.map((s) => s.getAttribute('title')))).toEqual([
      'Im Ereignis-Skript: answer', 'Im Ereignis-Skript: busy', 'Im Ereignis-Skript: noanswer', 'Im Ereignis-Skript: unavailable',
    ]);
    await shot('04-simulator-dialling');
    await page.getByRole('group', { name: 'Anruf an Nebenstelle' }).getByRole('button', { name: 'Nimmt ab' }).click();
    await poll(() => page.locator('[data-testid="outcome"]').textContent()).toBe('Ende: verbunden mit 1002');
    // Step back, and a timeout instead: the menu asks again.
    await page.getByRole('button', { name: 'Schritt zurück' }).click();
    await page.getByRole('button', { name: 'Schritt zurück' }).click();
    await page.getByRole('button', { name: 'Nichts drücken (Zeit abgelaufen)' }).click();
    await poll(() => transcript.textContent()).toContain('(Versuch 2)');
  });

  it('switches to English', async () => {
    await page.getByLabel('Sprache', { exact: true }).selectOption('en');
    await poll(() => page.getByRole('heading', { name: 'Simulator' }).count()).toBe(1);
    await poll(() => page.locator('[data-testid="transcript"]').textContent()).toContain('No input');
    await poll(() => page.locator('.react-flow__node[data-id="menu-1"]').textContent()).toContain('Timeout');
    await poll(() => page.locator('[data-testid="waiting"]').textContent()).toBe('Waiting for: menu-1 (Key 1, Key 2, No input)');
    // The same choice by its English labels, the stored value unchanged.
    await selectNode('dial-1');
    const strategy = page.getByLabel('Strategy');
    await poll(() => strategy.locator('option').allTextContents()).toEqual(['all at once', 'one after the other']);
    expect(await strategy.inputValue()).toBe('sequential');
    await shot('05-english');
    await page.getByLabel('Language', { exact: true }).selectOption('de');
  });

  it('saves the flow to the server without ever asking for a token (the login\'s cookie), and loads it back', async () => {
    let asked = 0;
    page.on('dialog', (dialog) => {
      asked++;
      void dialog.accept(); // no token prompt any more; later tests' confirmations (discard unsaved changes) are accepted
    });
    await page.getByRole('button', { name: 'Speichern' }).click();
    await poll(() => page.getByRole('status').filter({ hasText: 'Gespeichert' }).count()).toBe(1);
    const saved = (await server.ok('/flows/neuer-ablauf')) as {
      draft: { nodes: { id: string; params: unknown }[]; edges: unknown[] };
      diagnostics: unknown[];
    };
    expect(saved.draft.nodes.map((n) => n.id)).toEqual(['start-1', 'menu-1', 'dial-1', 'dial-2', 'hangup-1']);
    expect(saved.draft.nodes.find((n) => n.id === 'dial-1')?.params).toEqual({ targets: ['1001'], strategy: 'sequential', ringSeconds: 20, answeredBy: '' });
    expect(saved.draft.edges).toHaveLength(7);

    // Saved, the flow has its own URL: a reload opens it again.
    await poll(() => new URL(page.url()).pathname).toBe('/flows/neuer-ablauf');
    await page.reload();
    await poll(() => page.locator('.react-flow__node').count()).toBe(5);
    // "Neu" starts an empty flow of its own; the list opens the saved one again.
    await page.getByRole('button', { name: 'Neu', exact: true }).click();
    await poll(() => page.locator('.react-flow__node').count()).toBe(0);
    await page.getByRole('button', { name: 'Laden…' }).click();
    await page.getByLabel('Abläufe').selectOption('neuer-ablauf');
    await poll(() => page.locator('.react-flow__node').count()).toBe(5);
    expect(asked).toBe(0);
    expect(errors).toEqual([]);
    await shot('06-loaded-from-server');
  });

  it('opens the Musterfirma example, lays it out, and simulates office hours and a closed day', async () => {
    const example = JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/musterfirma.flow.json'), 'utf8')) as unknown;
    expect((await server.api('/flows/import', { method: 'POST', json: example })).status).toBe(200);
    // The example's extensions 1000 to 1003 are on the server (beforeAll).
    await page.getByRole('button', { name: 'Laden…' }).click();
    await page.getByLabel('Abläufe').selectOption('musterfirma');
    await poll(() => page.locator('.react-flow__node').count()).toBe(19);
    await poll(() => page.getByText('Keine Probleme gefunden.').count()).toBe(1);
    await layoutAndFit();

    const transcript = page.locator('[data-testid="transcript"]');
    // Wednesday 3 June 2026, 10:00 in Berlin (the flow's zone, not the browser's): open.
    await page.getByLabel('Datum und Uhrzeit').fill('2026-06-03T10:00');
    await poll(() => transcript.textContent()).toContain('Menü: ');
    await page.getByRole('button', { name: 'Taste 2', exact: true }).click();
    await poll(() => transcript.textContent()).toContain('Wählt 1002');
    expect(await page.locator('.flow-node.active').getAttribute('data-node-id')).toBe('support');
    await page.getByRole('group', { name: 'Anruf an Nebenstelle' }).getByRole('button', { name: 'Keine Antwort' }).click();
    await poll(() => page.locator('[data-testid="outcome"]').textContent()).toBe('Ende: Mailbox 1002');
    await shot('07-musterfirma-simulated');

    // Sunday: closed, straight to the switchboard's mailbox.
    await page.getByRole('button', { name: 'Neu starten' }).click();
    await page.getByLabel('Datum und Uhrzeit').fill('2026-06-07T10:00');
    await poll(() => page.locator('[data-testid="outcome"]').textContent()).toContain('Ende: Mailbox');
    expect(await transcript.textContent()).not.toContain('Wählt');
    expect(errors).toEqual([]);
  });

  it('edits opening hours across midnight and special dates in the inspector, and the simulator says what decided', async () => {
    const example = JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/opening-hours.flow.json'), 'utf8')) as unknown;
    expect((await server.api('/flows/import', { method: 'POST', json: example })).status).toBe(200);
    await page.getByRole('button', { name: 'Laden…' }).click();
    await page.getByLabel('Abläufe').selectOption('opening-hours');
    await poll(() => page.locator('.react-flow__node').count()).toBe(5);
    await poll(() => page.getByText('Keine Probleme gefunden.').count()).toBe(1);
    await layoutAndFit();
    await selectNode('hours');
    const form = page.getByRole('form');
    // The precedence is in the node's description; the night range says it runs across midnight.
    expect(await form.textContent()).toContain('Vorrang (der erste zutreffende Eintrag entscheidet): 1. Sondertage');
    expect(await form.getByRole('group', { name: 'Zeitraum 2' }).textContent()).toContain('über Mitternacht');
    const special = form.getByLabel('Sondertage und Betriebsferien');
    expect(await special.inputValue()).toBe('2026-12-31 08:00-13:00\n2026-08-10..2026-08-21\n2026-06-04 10:00-14:00');

    const decisions = page.locator('[data-testid="time-decisions"]');
    // Friday 5 June 2026, 23:30 in Berlin (the flow's zone, not the browser's): the night range.
    await page.getByLabel('Datum und Uhrzeit').fill('2026-06-05T23:30');
    await poll(() => decisions.textContent()).toBe('hours Geöffnet um 2026-06-05 23:30 Europe/Berlin, entschieden von: Wochenzeiten');
    // 31 December, 12:30 in Berlin: open until 13:00; closed once the admin makes it 12:00.
    await page.getByLabel('Datum und Uhrzeit').fill('2026-12-31T12:30');
    await poll(() => decisions.textContent()).toContain('Geöffnet um 2026-12-31 12:30 Europe/Berlin, entschieden von: Sondertage');
    await special.fill('2026-12-31 08:00-12:00\n2026-08-10..2026-08-21\n2026-06-04 10:00-14:00');
    await poll(() => decisions.textContent()).toContain('Geschlossen um 2026-12-31 12:30 Europe/Berlin, entschieden von: Sondertage');
    await shot('07b-opening-hours-special-date');
    // A date that does not exist is named in the diagnostics.
    await special.fill('2026-02-30');
    await poll(async () => (await diagnostics().allTextContents()).join('\n')).toContain('Dieses Datum gibt es nicht');
    await special.fill('2026-12-31 08:00-12:00');
    await poll(() => page.getByText('Keine Probleme gefunden.').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('shows a flow of 250 nodes with the light overview map, and a press on the map moves the view there', async () => {
    const flow = generateFlow(250, 'gross');
    expect((await server.api('/flows/import', { method: 'POST', json: flow })).status).toBe(200);
    await page.getByRole('button', { name: 'Laden…' }).click();
    await page.getByLabel('Abläufe').selectOption('gross');
    await page.locator('.react-flow__node').first().waitFor();
    await layoutAndFit();
    // From 200 nodes on, the overview draws the nodes as one path per colour (React Flow's MiniMap
    // keeps an element per node).
    const map = page.locator('.overview-map svg');
    await poll(() => map.count()).toBe(1);
    expect(await map.getAttribute('aria-label')).toBe('Übersichtskarte');
    expect(await page.locator('.react-flow__minimap-node').count()).toBe(0);
    const colours = await map.locator('path:not(.react-flow__minimap-mask)').count();
    expect(colours).toBeGreaterThan(0);
    expect(colours).toBeLessThan(10);
    // Zoomed in, a press on the map's top left corner centres the view there.
    const viewport = page.locator('.react-flow__viewport');
    await page.locator('.react-flow__pane').hover();
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -400);
    await page.waitForTimeout(300);
    const before = await viewport.getAttribute('style');
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + 8, box.y + 8);
    await poll(() => viewport.getAttribute('style')).not.toBe(before);
    await shot('08-large-flow-overview');
    expect(errors).toEqual([]);
  });
});
