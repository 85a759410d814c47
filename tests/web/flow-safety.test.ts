/**
 * The editor can never lose a live flow (issue #15), in headless Chromium against the real server
 * and the real local Asterisk. The sequence a new user tried: with a published flow open, "Neu",
 * an edit, "Speichern". Before, that overwrote the live flow's draft (same id, name and versions)
 * and every new flow was `neuer-ablauf`. Now a new flow gets an id of its own, the live flow (its
 * draft, revision, versions and the dialplan Asterisk runs) stays as it was, unsaved changes are
 * marked, survive a reload and are asked about before leaving, and a stale save is refused (409).
 *
 * Needs Debian chromium and a running Asterisk (asterisk.sh start + env); with CI=true a missing one fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialplanHas } from '../../apps/server/src/asterisk/ami.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, localAmi, serverAsteriskEnv } from '../support/local-asterisk.js';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

const availability = await detectAsterisk();

/** The published flow the admin has open. */
const LIVE = {
  schemaVersion: 1,
  id: 'hotline',
  name: 'Hotline',
  nodes: [
    { id: 'start', type: 'Start', position: { x: 0, y: 0 }, params: { number: '7411' } },
    { id: 'bye', type: 'Hangup', position: { x: 0, y: 150 }, params: {} },
  ],
  edges: [{ from: 'start', output: 'next', to: 'bye' }],
};

interface Detail {
  name: string;
  revision: number;
  publishedVersion: number | null;
  draft: { id: string; name: string; nodes: { id: string }[] };
}

describeWithAsterisk(availability, 'the editor never loses a live flow', (asterisk) => {
  it('has chromium, or is not in CI', () => {
    if (process.env.CI === 'true') expect(hasChromium(), 'install Debian chromium: apt-get install chromium').toBe(true);
  });

  describe.skipIf(!hasChromium())('in Chromium on the real Asterisk', () => {
    let restoreFiles: (() => Promise<void>) | undefined;
    let web: WebSession;
    let page: WebSession['page'];
    /** The answer to the next confirm(); the browser's leave question is accepted. */
    let confirmAnswer = true;
    const confirms: string[] = [];

    beforeAll(async () => {
      restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
      web = await openWebSession(serverAsteriskEnv());
      page = web.page;
      page.on('dialog', (dialog) => {
        if (dialog.type() !== 'confirm') return void dialog.accept();
        confirms.push(dialog.message());
        return void (confirmAnswer ? dialog.accept() : dialog.dismiss());
      });
      // An extension too: a publish checks the PJSIP endpoints, and ARI answers 404 when there are none.
      await web.server.ok('/extensions', { method: 'POST', json: { id: '1040', name: 'Platz 1040' } }, 201);
      await web.server.ok('/flows', { method: 'POST', json: LIVE }, 201);
      await web.server.ok(`/flows/${LIVE.id}/publish`, { method: 'POST' }, 201);
    });

    afterAll(async () => {
      await web?.close();
      await restoreFiles?.();
    });

    const nodes = () => page.locator('.react-flow__node');
    const path = () => new URL(page.url()).pathname;
    const nameField = () => page.getByLabel('Name des Ablaufs');
    const idField = () => page.getByLabel('Ablauf-ID');
    const unsaved = () => page.getByTestId('unsaved');
    const status = () => page.getByRole('status');
    const add = (label: string) => page.getByRole('button', { name: `${label} hinzufügen`, exact: true }).click();
    const save = () => page.getByRole('button', { name: 'Speichern', exact: true }).click();
    const newFlow = () => page.getByRole('button', { name: 'Neu', exact: true }).click();
    const openFromList = async (id: string) => {
      await page.getByRole('button', { name: 'Laden…' }).click();
      await page.getByLabel('Abläufe').selectOption(id);
    };
    const flow = (id: string) => web.server.ok<Detail>(`/flows/${id}`);
    /** Everything of the live flow: its stored draft and revision, its versions, and the dialplan Asterisk has. */
    const live = async () => ({
      detail: await flow(LIVE.id),
      versions: await web.server.ok(`/flows/${LIVE.id}/versions`),
      conf: readFileSync(join(asterisk.confDir!, 'extensions.conf'), 'utf8'),
    });
    let before: Awaited<ReturnType<typeof live>>;

    it('opens the published flow by its URL', async () => {
      before = await live();
      expect(before.detail).toMatchObject({ name: 'Hotline', publishedVersion: 1 });
      expect(before.conf).toContain('[swf-hotline]');
      await page.goto(`${web.server.server.url}/flows/${LIVE.id}`);
      await poll(() => nodes().count()).toBe(2);
      expect(await nameField().inputValue()).toBe('Hotline');
      expect(await unsaved().count()).toBe(0);
      await web.shot('flow-safety-01-live-flow');
    });

    it('"Neu", an edit and "Speichern" make a new flow under its own id; the live flow stays as it was', async () => {
      await newFlow();
      await poll(path).toBe('/flows/new');
      await poll(() => nodes().count()).toBe(0);
      expect(await nameField().inputValue()).toBe('Neuer Ablauf');
      expect(await idField().inputValue()).toBe('neuer-ablauf');
      // The id follows the name until the first save.
      await nameField().fill('Nachtdienst');
      await poll(() => idField().inputValue()).toBe('nachtdienst');
      await add('Start');
      await poll(() => nodes().count()).toBe(1);
      await poll(() => unsaved().count()).toBe(1);
      expect(await page.title()).toBe('● Nachtdienst – StumpfWorks VoIP');
      await web.shot('flow-safety-02-new-flow-unsaved');
      await save();
      await poll(() => status().textContent()).toBe('Gespeichert');
      await poll(path).toBe('/flows/nachtdienst');
      expect(await unsaved().count()).toBe(0);
      expect(await idField().count()).toBe(0); // saved: the id is fixed
      expect(await flow('nachtdienst')).toMatchObject({ name: 'Nachtdienst', publishedVersion: null, draft: { nodes: [{ id: 'start-1' }] } });
      // The live flow: the same draft, revision and versions, and Asterisk still runs its dialplan.
      expect(await live()).toEqual(before);
      expect(await dialplanHas(localAmi(), 'stumpfworks-flows', '7411')).toBe(true);
      expect(await dialplanHas(localAmi(), 'swf-hotline')).toBe(true);
    });

    it('two new flows get ids of their own and do not overwrite each other', async () => {
      await newFlow();
      await poll(path).toBe('/flows/new');
      await poll(() => nodes().count()).toBe(0);
      await add('Start');
      await save();
      await poll(path).toBe('/flows/neuer-ablauf');
      await newFlow();
      await poll(path).toBe('/flows/new');
      await poll(() => nodes().count()).toBe(0);
      await add('Start');
      await add('Auflegen');
      await poll(() => nodes().count()).toBe(2);
      await save();
      await poll(path).toBe('/flows/neuer-ablauf-2');
      expect((await flow('neuer-ablauf')).draft.nodes.map((n) => n.id)).toEqual(['start-1']);
      expect((await flow('neuer-ablauf-2')).draft.nodes.map((n) => n.id)).toEqual(['start-1', 'hangup-1']);
      expect(await live()).toEqual(before);
    });

    it('a reload keeps unsaved edits, marked, until they are saved or discarded', async () => {
      await add('Auflegen');
      await poll(() => nodes().count()).toBe(3);
      await poll(() => unsaved().count()).toBe(1);
      await poll(() => page.evaluate(() => localStorage.getItem('stumpfworks.draft.neuer-ablauf-2') !== null)).toBe(true);
      await page.reload();
      await poll(() => nodes().count()).toBe(3);
      await poll(() => unsaved().count()).toBe(1);
      await poll(() => status().textContent()).toContain('Ungespeicherte Änderungen vom');
      expect((await flow('neuer-ablauf-2')).draft.nodes).toHaveLength(2);
      await web.shot('flow-safety-03-restored-after-reload');
    });

    it('leaving unsaved changes for another flow asks first, and they are there again on return', async () => {
      confirmAnswer = false;
      await openFromList(LIVE.id);
      await poll(() => confirms.length).toBe(1);
      expect(confirms[0]).toContain('„Neuer Ablauf“ hat ungespeicherte Änderungen');
      expect(path()).toBe('/flows/neuer-ablauf-2');
      expect(await nodes().count()).toBe(3);
      confirmAnswer = true;
      await openFromList(LIVE.id);
      await poll(path).toBe(`/flows/${LIVE.id}`);
      await poll(() => nameField().inputValue()).toBe('Hotline');
      await poll(() => nodes().count()).toBe(2);
      expect(await unsaved().count()).toBe(0);
      await openFromList('neuer-ablauf-2');
      await poll(path).toBe('/flows/neuer-ablauf-2');
      await poll(() => nodes().count()).toBe(3);
      await poll(() => unsaved().count()).toBe(1);
    });

    it('a save over a draft written elsewhere meanwhile gets the 409 message and writes nothing', async () => {
      const elsewhere = await flow('neuer-ablauf-2');
      await web.server.ok('/flows/neuer-ablauf-2', { method: 'PUT', json: { ...elsewhere.draft, name: 'Von woanders' } });
      await save();
      await poll(() => status().textContent()).toContain('Der Ablauf „neuer-ablauf-2“ wurde inzwischen geändert');
      expect(await status().textContent()).toContain('(HTTP 409)');
      expect(await flow('neuer-ablauf-2')).toMatchObject({ name: 'Von woanders', revision: elsewhere.revision + 1 });
      expect(await unsaved().count()).toBe(1);
      await web.shot('flow-safety-04-stale-save-refused');
      // Discarding takes what the server has now, and the kept changes are gone.
      await page.getByRole('button', { name: 'Änderungen verwerfen' }).click();
      await poll(() => nameField().inputValue()).toBe('Von woanders');
      await poll(() => nodes().count()).toBe(2);
      expect(await unsaved().count()).toBe(0);
      await poll(() => page.evaluate(() => localStorage.getItem('stumpfworks.draft.neuer-ablauf-2'))).toBeNull();
      expect(await live()).toEqual(before);
      // The one error: the browser logs the refused save itself.
      expect(web.errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
    });

    it('a rollback while there are unsaved changes says that they go, and a "no" keeps them', async () => {
      // Version 2 released through the API: version 1 can be rolled back to.
      await web.server.ok(`/flows/${LIVE.id}/versions`, { method: 'POST' }, 201);
      await openFromList(LIVE.id);
      await poll(path).toBe(`/flows/${LIVE.id}`);
      // The live flow is loaded (the flow before it had two nodes too): only then is the node added to it.
      await poll(() => nameField().inputValue()).toBe('Hotline');
      await poll(() => nodes().count()).toBe(2);
      await add('Auflegen');
      await poll(() => unsaved().count()).toBe(1);
      confirmAnswer = false;
      await page.getByRole('button', { name: 'Zurück auf v1' }).click();
      await poll(() => confirms.at(-1)).toBe('Version 1 als neue Version veröffentlichen?\n\nDer Editor zeigt danach diese Version: Ihre ungespeicherten Änderungen gehen verloren.');
      expect(await nodes().count()).toBe(3);
      expect(await unsaved().count()).toBe(1);
      expect((await web.server.ok<unknown[]>(`/flows/${LIVE.id}/versions`)).length).toBe(2);
      confirmAnswer = true;
    });
  });
});
