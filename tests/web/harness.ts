/**
 * What the browser suites share: a real server, the built app, headless Chromium that reaches
 * nothing but the server, screenshots, and the canvas gestures (drag from the palette, connect
 * two handles) done with the real mouse.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { buildWebApp, hasChromium, launchBrowser, type Browser, type BrowserOptions, type Page } from '../../apps/web/e2e/harness.js';
import type { StartOptions } from '../../apps/server/src/server.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';

export { hasChromium, type Page };

/** Polls with room for a busy machine (expect.poll gives up after 1 s by default). */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

/** Screenshots of every run (git-ignored); look at them after a change to the UI. */
export const SHOTS = join(import.meta.dirname, '../../test-results/screenshots');

export interface WebSession {
  server: TestServer;
  browser: Browser;
  page: Page;
  /**
   * Page errors and console errors, of the page and its workers, and every Content-Security-Policy
   * violation (the server's CSP: http/security-headers.ts): a suite ends by expecting none.
   */
  errors: string[];
  /** Saves a screenshot of the page as `<name>.png` in SHOTS. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** The first admin's password on every test server of the browser suites (SWF_ADMIN_PASSWORD). */
export const ADMIN_PASSWORD = 'browser-admin-pass-1';

/**
 * Builds the app, starts a real server (`env`: its settings, e.g. the Asterisk connection) and a
 * page on it, logged in as the first admin unless `loggedIn` is false (the login itself is tested
 * through the page in accounts.test.ts): the login goes through the context's own request client,
 * which shares the browser's cookies, so every page load after it has the session cookie. The
 * browser runs with `browserOptions` (e.g. its time zone).
 */
export async function openWebSession(
  env: Record<string, string> = {},
  options: StartOptions & { loggedIn?: boolean } = {},
  browserOptions: BrowserOptions = {},
): Promise<WebSession> {
  mkdirSync(SHOTS, { recursive: true });
  buildWebApp();
  const { loggedIn = true, ...startOptions } = options;
  const server = await startTestServer({ SWF_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env }, startOptions);
  const browser = await launchBrowser(browserOptions);
  if (loggedIn) {
    const login = await browser.context.request.post(`${server.server.url}/api/v1/auth/login`, { data: { username: 'admin', password: ADMIN_PASSWORD } });
    if (login.status() !== 200) throw new Error(`the harness's login: HTTP ${login.status()} ${await login.text()}`);
  }
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  // A violation of the CSP is an error even where the page catches it (e.g. a library probing
  // whether eval works). Workers report theirs to their own console.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('worker', (worker) => {
    worker.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`worker ${worker.url()}: ${msg.text()}`);
    });
  });
  await reportWorkerViolations(browser.context, page, errors);
  // Anything but the server is a test failure: no CDN, no fonts from the web.
  await page.route('**/*', (route) => (route.request().url().startsWith(server.server.url) ? route.continue() : route.abort()));
  return {
    server,
    browser,
    page,
    errors,
    shot: async (name) => void (await page.screenshot({ path: join(SHOTS, `${name}.png`) })),
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

const VIOLATION_LISTENER = `self.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' in ' + e.sourceFile + ':' + e.lineNumber);
});`;

/**
 * Chromium fires a worker's CSP violations at the worker alone and logs none (an eval a library
 * tries and catches leaves no trace), and init scripts do not run in workers. So every worker of
 * the page is held at its start (CDP auto-attach, waitForDebuggerOnStart), gets the listener, and
 * only then runs its script; what it reports arrives through the worker's console.
 */
async function reportWorkerViolations(context: Browser['context'], page: Page, errors: string[]): Promise<void> {
  const cdp = await context.newCDPSession(page);
  let id = 0;
  const send = (sessionId: string, method: string, params: object = {}) =>
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: ++id, method, params }) });
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type !== 'worker') return;
    send(sessionId, 'Runtime.evaluate', { expression: VIOLATION_LISTENER })
      .then(() => send(sessionId, 'Runtime.runIfWaitingForDebugger'))
      .catch((error: Error) => {
        // The worker (or the page) is gone already: nothing left to watch.
        if (/No session with given id|Target closed|has been closed/.test(error.message)) return;
        errors.push(`could not watch worker ${targetInfo.url}: ${error.message}`);
      });
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
}

/** Canvas gestures with the real mouse. */
export function canvasGestures(page: Page) {
  const handle = (nodeId: string, handleId: string) => page.locator(`.react-flow__node[data-id="${nodeId}"] .react-flow__handle[data-handleid="${handleId}"]`);

  /** The box of an element once it has stopped moving (fitView and layout animate). */
  async function settledBox(locator: ReturnType<Page['locator']>) {
    let last = JSON.stringify(await locator.boundingBox());
    for (let i = 0; i < 50; i++) {
      await page.waitForTimeout(100);
      const now = JSON.stringify(await locator.boundingBox());
      if (now === last) return locator.boundingBox();
      last = now;
    }
    throw new Error('the canvas did not stop moving');
  }

  return {
    handle,
    settledBox,
    /** Drags output `output` of `from` onto the input of `to` and waits for the edge. */
    async connect(from: string, output: string, to: string) {
      const a = await settledBox(handle(from, output));
      const b = await settledBox(handle(to, 'in'));
      if (!a || !b) throw new Error(`handle ${from}.${output} or ${to}.in is not on screen`);
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width / 2 - 20, b.y + b.height / 2, { steps: 8 });
      // Follow the target until it stands still under the mouse (the canvas may pan while connecting).
      for (let i = 0; i < 20; i++) {
        const now = await handle(to, 'in').boundingBox();
        if (!now) throw new Error(`handle ${to}.in left the screen`);
        await page.mouse.move(now.x + now.width / 2, now.y + now.height / 2, { steps: 3 });
        await page.waitForTimeout(100);
        if (JSON.stringify(await handle(to, 'in').boundingBox()) === JSON.stringify(now)) break;
      }
      await page.mouse.up();
      await poll(() => page.locator(`[data-testid="rf__edge-${from}:${output}->${to}"]`).count()).toBe(1);
    },
    /** Drags a palette entry with the mouse (press, move, release) to a point of the canvas. */
    async dragFromPalette(type: string, at: { x: number; y: number }) {
      const item = await settledBox(page.locator(`.palette-item[data-type="${type}"]`));
      const canvas = await page.locator('[data-testid="canvas"]').boundingBox();
      if (!item || !canvas) throw new Error(`palette entry ${type} or the canvas is not on screen`);
      const before = await page.locator('.react-flow__node').count();
      await page.mouse.move(item.x + item.width / 2, item.y + item.height / 2);
      await page.mouse.down();
      await page.mouse.move(canvas.x + at.x / 2, canvas.y + at.y / 2, { steps: 6 });
      await page.mouse.move(canvas.x + at.x, canvas.y + at.y, { steps: 6 });
      await page.mouse.up();
      await poll(() => page.locator('.react-flow__node').count()).toBe(before + 1);
    },
    async layoutAndFit() {
      await page.getByRole('button', { name: 'Automatisch anordnen' }).click();
      await poll(() => page.getByRole('button', { name: 'Automatisch anordnen' }).isEnabled()).toBe(true);
      await page.waitForTimeout(600);
    },
    /** "Alles zeigen": the whole flow in view (after a click on a diagnostic zoomed onto one node). */
    async fitAll() {
      await page.getByRole('button', { name: 'Alles zeigen' }).click();
      await page.waitForTimeout(600);
    },
    /**
     * One step out with the canvas controls: a margin around the flow, so that dragging a
     * connection to a node at the border does not make React Flow pan the canvas under the mouse.
     */
    async zoomOutOnce() {
      await page.locator('.react-flow__controls-zoomout').click();
      await page.waitForTimeout(400);
    },
    async selectNode(id: string) {
      await page.locator(`.react-flow__node[data-id="${id}"] .flow-node-head`).click();
      await poll(() => page.locator('.node-form code').first().textContent()).toBe(id);
    },
  };
}

/** One second of 8 kHz 16-bit mono silence. */
export function silence(): Buffer {
  const samples = 8000;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  return wav;
}
