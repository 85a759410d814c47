/**
 * The features of issue #16 in the editor and simulator, in headless Chromium against the real
 * server (no Asterisk): opening hours with a night window and the clock read in the flow's zone,
 * CollectDigits with min/max digits and a pattern, a Menu's countRetries, a Dial's answeredBy with
 * `answer:<target>`, and sub-flows (CallFlow and Return), each edited in the inspector with its
 * German and English labels and run in the simulator.
 *
 * The browser runs in New York and the flows read the clock in Berlin: a clock read in the
 * browser's zone would put every time six hours off.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasGestures, hasChromium, openWebSession, poll, type WebSession } from './harness.js';

const available = hasChromium();

it('has chromium, or is not in CI', () => {
  if (process.env.CI === 'true') expect(available, 'install Debian chromium: apt-get install chromium').toBe(true);
});

const example = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../examples', `${name}.flow.json`), 'utf8')) as unknown;

describe.skipIf(!available)('the #16 features in the editor and simulator', () => {
  let web: WebSession;
  let page: WebSession['page'];
  let gestures: ReturnType<typeof canvasGestures>;

  beforeAll(async () => {
    web = await openWebSession({}, {}, { timezoneId: 'America/New_York' });
    page = web.page;
    gestures = canvasGestures(page);
    const { server } = web;
    for (const name of ['opening-hours', 'order-status', 'members-line', 'pin-check']) {
      const res = await server.api('/flows/import', { method: 'POST', json: example(name) });
      expect(res.status, `import ${name}: ${await res.text()}`).toBe(200);
    }
    // The editor checks the order team's targets against the server's extensions.
    for (const id of ['1001', '1002']) {
      const res = await server.api('/extensions', { method: 'POST', json: { id, name: `Platz ${id}` } });
      expect(res.status, `extension ${id}: ${await res.text()}`).toBe(201);
    }
    page.on('dialog', (dialog) => void dialog.accept(server.token));
    await page.goto(server.server.url);
  });

  afterAll(async () => {
    await web?.close();
  });

  const transcript = () => page.locator('[data-testid="transcript"]');
  const outcome = () => page.locator('[data-testid="outcome"]');
  const variables = () => page.locator('[data-testid="variables"]');
  const decisions = () => page.locator('[data-testid="time-decisions"]');
  const diagnostics = () => page.locator('[data-testid="diagnostics-list"] li');
  const noProblems = () => poll(() => page.getByText('Keine Probleme gefunden.').count()).toBe(1);
  const form = () => page.getByRole('form');
  const clock = () => page.getByLabel('Datum und Uhrzeit');
  const keys = (entry: string) => page.getByRole('textbox', { name: 'Taste', exact: true }).fill(entry).then(() => page.getByRole('button', { name: '↵' }).click());
  const key = (k: string) => page.getByRole('button', { name: `Taste ${k}`, exact: true }).click();
  const language = (lang: 'de' | 'en') => page.getByLabel(lang === 'en' ? 'Sprache' : 'Language', { exact: true }).selectOption(lang);

  async function open(id: string, nodes: number) {
    await page.getByRole('button', { name: 'Laden…' }).click();
    await page.getByLabel('Abläufe').selectOption(id);
    await poll(() => page.locator('.react-flow__node').count()).toBe(nodes);
    await gestures.layoutAndFit();
  }

  it('runs in a browser whose time zone is not the flows\'', async () => {
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
  });

  it("reads the simulator's clock in the flow's zone, shown beside it, and draws a night window in the inspector", async () => {
    await open('opening-hours', 5);
    await noProblems();
    const zone = page.getByTestId('clock-zone');
    expect(await zone.textContent()).toBe('Europe/Berlin');
    expect(await zone.getAttribute('title')).toBe('Die Uhrzeit gilt in dieser Zeitzone: der des Ablaufs (seiner Zeitbedingungen), nicht der des Browsers');
    // Wednesday 17:30 and Friday 23:30 as the office reads them (in New York's time both would be closed hours in Berlin).
    await clock().fill('2026-06-03T17:30');
    await poll(() => decisions().textContent()).toBe('hours Geöffnet um 2026-06-03 17:30 Europe/Berlin, entschieden von: Wochenzeiten');
    await poll(() => transcript().textContent()).toContain('Die Hotline ist jetzt erreichbar.');
    await clock().fill('2026-06-05T23:30');
    await poll(() => decisions().textContent()).toBe('hours Geöffnet um 2026-06-05 23:30 Europe/Berlin, entschieden von: Wochenzeiten');
    // A time the clocks skip in Berlin (it exists in New York) is named as such.
    await clock().fill('2026-03-29T02:30');
    await poll(() => page.locator('.simulator .error').textContent()).toBe('2026-03-29 02:30 gibt es in Europe/Berlin nicht (die Uhr wird vorgestellt)');

    // Saturday 03:30: after the night window (Friday and Saturday 22:00-02:00) ...
    await clock().fill('2026-06-06T03:30');
    await poll(() => decisions().textContent()).toBe('hours Geschlossen um 2026-06-06 03:30 Europe/Berlin, entschieden von: Wochenzeiten');
    // ... until the admin lets it run to 04:00.
    await gestures.selectNode('hours');
    const night = form().getByRole('group', { name: 'Zeitraum 2' });
    expect(await night.getByLabel('Zeitraum 2: Freitag').isChecked()).toBe(true);
    await night.getByLabel('Zeitraum 2: bis').fill('04:00');
    expect(await night.textContent()).toContain('über Mitternacht: „bis“ am nächsten Tag');
    await poll(() => decisions().textContent()).toBe('hours Geöffnet um 2026-06-06 03:30 Europe/Berlin, entschieden von: Wochenzeiten');
    await noProblems();
    expect(await form().getByLabel('Zeitzone').inputValue()).toBe('Europe/Berlin');
    expect(await form().textContent()).toContain('Vorrang (der erste zutreffende Eintrag entscheidet): 1. Sondertage');
    await web.shot('40-night-window-berlin-clock');

    await language('en');
    await poll(() => zone.getAttribute('title')).toBe("The time is read in this time zone: the flow's (its time conditions'), not the browser's");
    await poll(() => decisions().textContent()).toBe('hours Open at 2026-06-06 03:30 Europe/Berlin, decided by: weekly hours');
    const nightEn = form().getByRole('group', { name: 'Time range 2' });
    expect(await nightEn.getByLabel('Time range 2: to').inputValue()).toBe('04:00');
    expect(await nightEn.textContent()).toContain('across midnight: "to" on the next day');
    expect(await form().getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    expect(await form().textContent()).toContain('Precedence (the first that applies decides): 1. special dates');
    await language('de');
    expect(web.errors).toEqual([]);
  });

  it('edits CollectDigits min/max and pattern, a Menu\'s countRetries, and simulates an order number the pattern refuses', async () => {
    await open('order-status', 9);
    await noProblems();
    await clock().fill('2026-06-03T10:00');
    await gestures.selectNode('ask-order');
    const min = form().getByLabel('Mindestens Ziffern');
    expect(await min.inputValue()).toBe('5');
    expect(await form().getByLabel('Höchstens Ziffern').inputValue()).toBe('5');
    const pattern = form().getByLabel('Muster (regulärer Ausdruck, leer: jede Eingabe)');
    expect(await pattern.inputValue()).toBe('7\\d{4}');
    // More digits at least than at most, and a pattern that does not parse, are diagnostics on the node.
    await min.fill('6');
    await poll(async () => (await diagnostics().allTextContents()).join('\n')).toContain('„Mindestens Ziffern“ darf nicht größer sein als „Höchstens Ziffern“');
    await min.fill('5');
    await noProblems();
    await pattern.fill('7\\d{4');
    await poll(() => diagnostics().count()).toBeGreaterThan(0);
    await pattern.fill('7\\d{4}');
    await noProblems();

    // 61234 has five digits but does not match: asked again; 71234 does.
    await poll(() => transcript().textContent()).toContain('Bitte geben Sie Ihre fünfstellige Bestellnummer ein.');
    await keys('61234');
    await poll(() => transcript().textContent()).toContain('(Versuch 2)');
    await keys('71234');
    await poll(() => transcript().textContent()).toContain('Für den Lieferstatus drücken Sie die 1');
    // countRetries "separately": a timeout and a wrong key, and the caller still chooses at the third prompt.
    await page.getByRole('button', { name: 'Nichts drücken (Zeit abgelaufen)' }).click();
    await key('9');
    await poll(() => transcript().textContent()).toContain('(Versuch 3)');
    await poll(() => page.locator('[data-testid="waiting"]').textContent()).toBe('Wartet auf: status-menu (Taste 1, Taste 2, Keine Eingabe)');
    await gestures.selectNode('status-menu');
    const retries = form().getByLabel('Keine und falsche Eingabe');
    expect(await retries.locator('option').allTextContents()).toEqual(['zählen gemeinsam als Versuche', 'haben je eigene Versuche']);
    expect(await retries.inputValue()).toBe('separately');
    // Counted together, the same call has used up its two attempts: the wrong key ends the menu.
    await retries.selectOption({ label: 'zählen gemeinsam als Versuche' });
    await poll(() => outcome().textContent()).toBe('Ende: aufgelegt');
    expect(await transcript().textContent()).toContain('Diese Bestellnummer kennen wir leider nicht.');
    await retries.selectOption({ label: 'haben je eigene Versuche' });
    await poll(() => page.locator('[data-testid="waiting"]').textContent()).toContain('Wartet auf: status-menu');
    await web.shot('41-collect-pattern-menu-retries');

    await language('en');
    await gestures.selectNode('ask-order');
    expect(await form().getByLabel('Minimum digits').inputValue()).toBe('5');
    expect(await form().getByLabel('Maximum digits').inputValue()).toBe('5');
    expect(await form().getByLabel('Pattern (regular expression, empty: any entry)').inputValue()).toBe('7\\d{4}');
    await gestures.selectNode('status-menu');
    const retriesEn = form().getByLabel('No input and wrong input');
    await poll(() => retriesEn.locator('option').allTextContents()).toEqual(['count together as attempts', 'each have their own attempts']);
    await poll(() => transcript().textContent()).toContain('(attempt 3)');
    await language('de');
    expect(web.errors).toEqual([]);
  });

  it('says which target answers a simultaneous dial (answer:<target>), and shows the answeredBy variable', async () => {
    await page.getByRole('button', { name: 'Neu starten' }).click();
    await keys('71234');
    await key('2');
    await poll(() => transcript().textContent()).toContain('Wählt 1001, 1002 (10 s)');
    const outcomes = page.getByRole('group', { name: 'Anruf an Nebenstelle' });
    const byTarget = outcomes.getByRole('button', { name: /^Angenommen von / });
    expect(await byTarget.allTextContents()).toEqual(['Angenommen von 1001', 'Angenommen von 1002']);
    expect(await byTarget.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('title')))).toEqual([
      'Im Ereignis-Skript: answer:1001',
      'Im Ereignis-Skript: answer:1002',
    ]);
    await web.shot('42-dial-rings-two');
    await outcomes.getByRole('button', { name: 'Angenommen von 1002' }).click();
    // The warehouse (1002) answered: TEAM_MEMBER says so, and the Condition on it thanks the caller.
    await poll(() => variables().textContent()).toBe('BESTELLUNG71234TEAM_MEMBER1002');
    expect(await page.getByRole('heading', { name: 'Variablen' }).count()).toBe(1);
    expect(await transcript().textContent()).toContain('Danke für Ihr Gespräch mit unserem Lager.');
    await poll(() => outcome().textContent()).toBe('Ende: aufgelegt');
    expect(await page.locator('.tokens code').textContent()).toBe('71234, 2, answer:1002');
    await web.shot('42b-answered-by-1002');

    // 1001 instead: no thanks from the warehouse.
    await page.getByRole('button', { name: 'Schritt zurück' }).click();
    await outcomes.getByRole('button', { name: 'Angenommen von 1001' }).click();
    await poll(() => variables().textContent()).toBe('BESTELLUNG71234TEAM_MEMBER1001');
    expect(await transcript().textContent()).not.toContain('Lager');
    // Nobody answered: the variable is emptied.
    await page.getByRole('button', { name: 'Schritt zurück' }).click();
    await outcomes.getByRole('button', { name: 'Besetzt' }).click();
    await poll(() => variables().textContent()).toBe('BESTELLUNG71234TEAM_MEMBER(leer)');
    // The same call as an event script.
    await page.getByRole('textbox', { name: 'Ereignisse, z. B. 2, busy' }).fill('71234, 2, Answer:1002');
    await page.getByRole('button', { name: '▶ Ablauf spielen' }).click();
    await poll(() => variables().textContent()).toBe('BESTELLUNG71234TEAM_MEMBER1002');

    await gestures.selectNode('team');
    expect(await form().getByLabel('Variable für den Annehmenden (leer: keine)').inputValue()).toBe('TEAM_MEMBER');
    expect(await form().getByLabel('Reihenfolge').inputValue()).toBe('simultaneous');
    await language('en');
    expect(await form().getByLabel('Variable for who answered (empty: none)').inputValue()).toBe('TEAM_MEMBER');
    await poll(() => page.getByRole('heading', { name: 'Variables' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Step back' }).click();
    await poll(() => page.getByRole('group', { name: 'Dialled extension' }).getByRole('button', { name: /^Answered by / }).allTextContents()).toEqual([
      'Answered by 1001',
      'Answered by 1002',
    ]);
    // A dial of one target at a time names no one: there, the plain answer is the target rung.
    await form().getByLabel('Strategy').selectOption({ label: 'one after the other' });
    await poll(() => page.locator('[data-testid="waiting"]').textContent()).toBe('Waiting for: team (Answered, Busy, No answer, Unavailable)');
    expect(await page.getByRole('button', { name: /^Answered by / }).count()).toBe(0);
    await form().getByLabel('Strategy').selectOption({ label: 'all at once' });
    await language('de');
    expect(web.errors).toEqual([]);
  });

  it('runs a call into a sub-flow and back (CallFlow, Return), in the caller\'s language', async () => {
    await open('members-line', 5);
    await noProblems();
    await gestures.selectNode('check-pin');
    const called = form().getByLabel('Ablauf', { exact: true });
    expect(await called.inputValue()).toBe('pin-check');
    // The sub-flow is the server's draft; it speaks the caller's English.
    await poll(() => transcript().textContent()).toContain('Please enter your four digit PIN.');
    await keys('4711');
    await poll(() => transcript().textContent()).toContain('Thank you. Our member service is there for you');
    await poll(() => outcome().textContent()).toBe('Ende: aufgelegt');
    expect(await variables().textContent()).toBe('PIN4711');
    await page.getByRole('button', { name: 'Schritt zurück' }).click();
    await keys('1234');
    await poll(() => transcript().textContent()).toContain('Sorry, that PIN is not right. Goodbye.');
    expect(await transcript().textContent()).not.toContain('Thank you.');
    await web.shot('43-sub-flow');
    expect(web.errors).toEqual([]);
  });

  it('draws a flow that calls the sub-flow and returns, from the palette in German and English', async () => {
    await page.getByRole('button', { name: 'Neu', exact: true }).click();
    await poll(() => page.locator('.react-flow__node').count()).toBe(0);
    expect(await page.locator('.palette-item[data-type="CallFlow"]').textContent()).toContain('Unterablauf aufrufen');
    expect(await page.locator('.palette-item[data-type="Return"]').textContent()).toContain('Zurück');
    for (const name of ['Start hinzufügen', 'Unterablauf aufrufen hinzufügen', 'Zurück hinzufügen']) {
      await page.getByRole('button', { name, exact: true }).focus();
      await page.keyboard.press('Enter');
    }
    await poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await gestures.layoutAndFit();
    await gestures.connect('start-1', 'next', 'call-flow-1');
    await gestures.connect('call-flow-1', 'next', 'return-1');
    await gestures.selectNode('call-flow-1');
    await form().getByLabel('Ablauf', { exact: true }).selectOption('pin-check');
    // A Return in a flow no one called hangs up; the call went through the sub-flow first.
    await poll(() => transcript().textContent()).toContain('Bitte geben Sie Ihre vierstellige PIN ein.');
    await keys('4711');
    await poll(() => outcome().textContent()).toBe('Ende: aufgelegt');
    expect(await page.locator('.flow-node.active').getAttribute('data-node-id')).toBe('return-1');

    await language('en');
    await poll(() => page.locator('.palette-item[data-type="CallFlow"]').textContent()).toContain('Call flow');
    expect(await page.locator('.palette-item[data-type="Return"]').textContent()).toContain('Return');
    expect(await form().getByLabel('Flow', { exact: true }).inputValue()).toBe('pin-check');
    await poll(() => outcome().textContent()).toBe('End: hung up');
    await web.shot('44-drawn-call-flow');
    await language('de');
    expect(web.errors).toEqual([]);
  });
});
