import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

export type { Page } from 'playwright-core';

/** The Debian chromium package's binary. */
export const CHROMIUM = '/usr/bin/chromium';
export const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

/** What the web build is made of: the app (its sources, index.html, configs) and the workspace packages it imports. */
const BUILD_INPUTS = [WEB_DIR, join(WEB_DIR, '..', '..', 'packages')];
const STAMP = join(WEB_DIR, 'dist', '.build-stamp');

/** Every input file's path, size and modification time: a different stamp means a different build. */
function buildStamp(): string {
  const lines: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const info = statSync(path);
        lines.push(`${path} ${info.size} ${info.mtimeMs}`);
      }
    }
  };
  BUILD_INPUTS.forEach(walk);
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

/**
 * Builds apps/web into apps/web/dist with Vite (no network), unless dist/ was built from these very
 * files: each browser suite calls this, and one build serves them all (some seconds each, 30 suites).
 */
export function buildWebApp(): void {
  const stamp = buildStamp();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp) return;
  // The tests run under NODE_ENV=test, which would put React's development build into dist/ (the
  // folder the product serves): build exactly what `npm start` builds.
  execFileSync(join(WEB_DIR, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: WEB_DIR,
    stdio: 'pipe',
    timeout: 120_000,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  writeFileSync(STAMP, stamp);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export interface BrowserOptions {
  /** The browser's time zone (IANA), fixed so a test does not depend on the host's (TZ). */
  timezoneId?: string;
  /** More Chromium switches, e.g. the HTTPS suite's certificate trust and host mapping. */
  args?: string[];
}

/** Headless Chromium with a fresh profile that is deleted on close; nothing reaches the network. */
export async function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'swf-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1600, height: 950 },
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(options.args ?? [])],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
