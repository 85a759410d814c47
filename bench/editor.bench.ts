// The page scripts below (page.evaluate) run in the browser: they are typed against the DOM.
/// <reference lib="dom" />
/**
 * `pnpm bench editor`: the editor in headless Chromium with a generated 1,000-node flow, with the
 * real server's API (no Asterisk needed). Clicks auto-layout and reads the time elk took in the
 * worker, the longest main-thread task while it ran and while its result was drawn; then pans and
 * zooms the canvas and takes the p95 of the frame intervals. Prints key=value lines; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { hasChromium, launchBrowser, WEB_DIR, type Browser, type Page } from '../apps/web/e2e/harness.js';
import { LAYOUT_MEASURE, type LayoutMeasureDetail } from '../apps/web/src/editor/layout.js';
import { must, startTestServer, type TestServer } from '../apps/server/src/testing.js';
import { generateFlow } from './generate.js';
import { median, percentile, report } from './stats.js';

const NODES = 1000;
/** The generated flow dials and records for 1000..1099: with these extensions it has no diagnostics. */
const EXTENSIONS = 100;
/** The whole run (browser and server; the build is extra) stops with an error after this. */
const BUDGET_MS = 110_000;
const PAN_ZOOM_ROUNDS = 4;

/**
 * A production build of apps/web in a temp folder. Not apps/web/dist: the web tests and
 * `npm start` build that, and may build it again in the middle of this run.
 */
function buildProductionWebApp(): string {
  const out = mkdtempSync(join(tmpdir(), 'swf-bench-web-'));
  const vite = join(WEB_DIR, 'node_modules', '.bin', 'vite');
  execFileSync(vite, ['build', '--logLevel', 'warn', '--outDir', out, '--emptyOutDir'], {
    cwd: WEB_DIR,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'pipe',
    timeout: 120_000,
  });
  return out;
}

/**
 * The page gets the app's files from `webDir` and everything under /api from the real server, at
 * the server's origin; nothing else reaches the network.
 */
async function serveApp(context: Browser['context'], server: TestServer, webDir: string): Promise<void> {
  const origin = server.server.url;
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== origin) return route.abort();
    if (url.pathname.startsWith('/api/')) return route.continue();
    const file = resolve(webDir, `.${url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(webDir + sep)) return route.fulfill({ status: 404 });
    return route.fulfill({ path: file });
  });
}

/** The generated flow and the extensions it names, imported through the API. */
async function importFlow(server: TestServer): Promise<string> {
  for (let e = 0; e < EXTENSIONS; e++) {
    const id = String(1000 + e);
    await must(server.api('/extensions', { method: 'POST', json: { id, name: `Bench ${id}`, voicemail: { enabled: true, pin: '4711' } } }), `extension ${id}`);
  }
  const flow = generateFlow(NODES);
  await must(server.api('/flows/import', { method: 'POST', json: flow }), 'import the generated flow');
  return flow.id;
}

/** Opens the flow through the header's "Load" list and waits until its nodes are drawn. */
async function openFlow(page: Page, url: string, flowId: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Laden…' }).click();
  await page.getByLabel('Abläufe', { exact: true }).selectOption(flowId);
  await page.waitForFunction((name) => document.querySelector<HTMLInputElement>('.header input')?.value === name, `Generated ${NODES}`, { timeout: 30_000 });
  await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
  await page.getByText('Keine Probleme gefunden.').waitFor({ timeout: 30_000 });
}

/** Two animation frames: what was dispatched has been rendered and painted. */
const painted = (page: Page) => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));

/**
 * Clicks auto-layout with a long-task observer running, and waits for the positions to be drawn
 * and the view to be fitted. Returns elk's time in the worker, the round trip, and the long tasks
 * (50 ms and more) while elk ran and while the result was drawn.
 */
async function measureLayout(page: Page) {
  await page.evaluate(() => {
    const tasks: { start: number; duration: number }[] = [];
    const keep = (entries: PerformanceEntryList) => tasks.push(...entries.map((e) => ({ start: e.startTime, duration: e.duration })));
    const observer = new PerformanceObserver((list) => keep(list.getEntries()));
    observer.observe({ type: 'longtask' });
    (window as unknown as { benchLongTasks: () => typeof tasks }).benchLongTasks = () => {
      keep(observer.takeRecords());
      observer.disconnect();
      return tasks;
    };
  });
  await page.getByRole('button', { name: 'Automatisch anordnen' }).click();
  const failed = page.locator('.toolbar [role="alert"]');
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0 || !!document.querySelector('.toolbar [role="alert"]'), LAYOUT_MEASURE, { timeout: 30_000 });
  if (await failed.count()) throw new Error(`the auto-layout failed: ${await failed.textContent()}`);
  await page.waitForTimeout(1000); // the toolbar fits the view 50 ms after the layout, animated for 300 ms
  await painted(page);
  return page.evaluate((name) => {
    const measure = performance.getEntriesByName(name)[0] as PerformanceMeasure;
    const arrived = measure.startTime + measure.duration;
    const tasks = (window as unknown as { benchLongTasks: () => { start: number; duration: number }[] }).benchLongTasks();
    return {
      detail: measure.detail as LayoutMeasureDetail,
      roundTripMs: measure.duration,
      // The task that handles elk's answer contains the moment it arrived: it draws (a store that
      // renders at once, like zustand's, draws in that very task), so only tasks that ended before count for elk.
      whileElkRan: tasks.filter((t) => t.start + t.duration < arrived).map((t) => t.duration),
      whileDrawing: tasks.filter((t) => t.start + t.duration >= arrived).map((t) => t.duration),
    };
  }, LAYOUT_MEASURE);
}

/** A point of the empty pane (not a node, edge or control) inside the canvas, to drag from. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const box = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    for (let fy = 0.5; fy < 0.95; fy += 0.05) {
      for (let fx = 0.3; fx < 0.7; fx += 0.02) {
        const x = box.left + fx * box.width;
        const y = box.top + fy * box.height;
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return undefined;
  });
  if (!point) throw new Error('no empty spot on the canvas to pan from');
  return point;
}

/**
 * Pans by mouse drags and zooms by wheel turns, about one input per frame, while a
 * requestAnimationFrame loop records the frame intervals.
 */
async function measurePanZoom(page: Page) {
  await page.evaluate(() => {
    const intervals: number[] = [];
    let last = 0;
    let running = true;
    const frame = (now: number) => {
      if (last) intervals.push(now - last);
      last = now;
      if (running) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    (window as unknown as { benchFrames: () => number[] }).benchFrames = () => {
      running = false;
      return intervals;
    };
  });
  const started = performance.now();
  for (let round = 0; round < PAN_ZOOM_ROUNDS; round++) {
    const from = await emptyPanePoint(page);
    const dx = round % 2 ? -300 : 300;
    const dy = round % 2 ? 120 : -120;
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let step = 1; step <= 30; step++) {
      await page.mouse.move(from.x + (dx * step) / 30, from.y + (dy * step) / 30);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    const at = await emptyPanePoint(page);
    await page.mouse.move(at.x, at.y);
    for (const direction of [-1, 1]) {
      for (let step = 0; step < 15; step++) {
        await page.mouse.wheel(0, direction * 60);
        await page.waitForTimeout(16);
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const intervals = await page.evaluate(() => (window as unknown as { benchFrames: () => number[] }).benchFrames());
  return { intervals, seconds };
}

async function run(stack: { server?: TestServer; browser?: Browser }, webDir: string): Promise<void> {
  const server = (stack.server = await startTestServer());
  const health = (await must(fetch(`${server.server.url}/health`), 'health')) as { asterisk: string };
  console.log(`server_asterisk=${health.asterisk}`);
  // The machine may be shared: the load says how much the figures can be trusted.
  console.log(`cpus=${cpus().length}`);
  report('load_average_1m', loadavg()[0]!);
  const flowId = await importFlow(server);

  const browser = (stack.browser = await launchBrowser());
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await serveApp(browser.context, server, webDir);
  // tsx compiles this file with esbuild's keepNames, which wraps named functions in __name().
  await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
  await page.addInitScript((token) => localStorage.setItem('stumpfworks.adminToken', token), server.token);
  const cdp = await browser.context.newCDPSession(page);
  const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
  console.log(`chromium_version=${product}`);

  await openFlow(page, server.server.url, flowId);
  const layout = await measureLayout(page);
  console.log(`flow_nodes=${layout.detail.nodes}`);
  console.log(`flow_edges=${layout.detail.edges}`);
  console.log(`rendered_nodes=${await page.locator('.react-flow__node').count()}`);
  report(`layout_${NODES}_nodes_ms`, layout.detail.elkMs);
  report('layout_round_trip_ms', layout.roundTripMs);
  // Long tasks are those of 50 ms and more: 0 means none.
  report('main_thread_longest_task_ms', Math.max(0, ...layout.whileElkRan));
  report('draw_layout_longest_task_ms', Math.max(0, ...layout.whileDrawing));
  console.log(`draw_layout_long_tasks=${layout.whileDrawing.length}`);

  const frames = await measurePanZoom(page);
  console.log(`rendered_nodes_after_pan_zoom=${await page.locator('.react-flow__node').count()}`);
  console.log(`frames=${frames.intervals.length}`);
  report('pan_zoom_seconds', frames.seconds);
  report('frame_median_ms', median(frames.intervals));
  report('frame_p95_ms', percentile(frames.intervals, 95));
  report('frame_max_ms', Math.max(...frames.intervals));
  if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
}

export async function benchEditor(): Promise<void> {
  if (!hasChromium()) throw new Error('needs Debian chromium at /usr/bin/chromium: apt-get install chromium');
  const started = performance.now();
  const webDir = buildProductionWebApp();
  report('web_build_ms', performance.now() - started, 0);
  const stack: { server?: TestServer; browser?: Browser } = {};
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the editor bench took longer than ${BUDGET_MS / 1000} s`)), BUDGET_MS);
  });
  try {
    await Promise.race([run(stack, webDir), overdue]);
  } finally {
    clearTimeout(timer);
    await stack.browser?.close();
    await stack.server?.stop();
    rmSync(webDir, { recursive: true, force: true });
  }
}
