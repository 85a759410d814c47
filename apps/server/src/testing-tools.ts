/**
 * Gate for test suites that run Debian tools, the way tests/support/asterisk-suite.ts gates the
 * real-Asterisk suites. Kept apart from testing.ts, which the benches import outside vitest.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';

/** Whether every one of `tools` is an executable on PATH. */
export function haveTools(tools: string[]): boolean {
  const dirs = (process.env.PATH ?? '').split(':');
  return tools.every((tool) => dirs.some((dir) => existsSync(join(dir, tool))));
}

/**
 * `describe` for a suite that runs Debian tools (espeak-ng, sox). `npm test` installs them first
 * (as root); without them the suite FAILS when CI=true and is skipped otherwise, saying so and
 * adding its name to `$SWF_SKIPPED_SUITES` (the file whose lines `npm test` counts at the end).
 */
export function describeWithTools(tools: string[], name: string, body: () => void): void {
  if (haveTools(tools)) {
    describe(name, body);
    return;
  }
  const reason = `needs ${tools.join(' and ')} (Debian packages; npm test installs them when run as root)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(reason, () => {
        throw new Error(`${reason}; CI=true: a missing tool is a failure`);
      });
    });
    return;
  }
  console.warn(`[tests] skipping "${name}": ${reason}`);
  if (process.env.SWF_SKIPPED_SUITES) appendFileSync(process.env.SWF_SKIPPED_SUITES, `${name}\n`);
  describe.skip(`${name} (skipped: ${reason})`, () => {
    it(reason, () => undefined);
  });
}
