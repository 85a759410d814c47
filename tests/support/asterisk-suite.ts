/**
 * Gate for real-Asterisk suites: with a reachable Asterisk the suite runs; without one it FAILS
 * when CI=true and is skipped otherwise, saying why and how to start one.
 */
import { describe, it } from 'vitest';
import { LocalAsteriskError, loadLocalAsterisk, probeAsterisk, type LocalAsterisk } from './local-asterisk.js';

export type AsteriskAvailability = { ok: true; asterisk: LocalAsterisk } | { ok: false; reason: string };

const HINT =
  'start one with: sudo ASTERISK_ROOT=... SWF_HTTP_PORT=... bash asterisk/scripts/asterisk.sh start; ' +
  'eval "$(bash asterisk/scripts/asterisk.sh env)"';

/** Finds the local Asterisk and checks that ARI answers. */
export async function detectAsterisk(env: NodeJS.ProcessEnv = process.env): Promise<AsteriskAvailability> {
  let asterisk: LocalAsterisk;
  try {
    asterisk = loadLocalAsterisk(env);
  } catch (error) {
    if (error instanceof LocalAsteriskError) return { ok: false, reason: `${error.message} (${HINT})` };
    throw error;
  }
  const problem = await probeAsterisk(asterisk);
  return problem ? { ok: false, reason: `${problem} (${HINT})` } : { ok: true, asterisk };
}

/** `describe` for a suite that needs Asterisk; `body` receives the connection details. */
export function describeWithAsterisk(
  availability: AsteriskAvailability,
  name: string,
  body: (asterisk: LocalAsterisk) => void,
): void {
  if (availability.ok) {
    describe(name, () => body(availability.asterisk));
    return;
  }
  const reason = availability.reason;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs a running Asterisk (CI=true: a missing Asterisk is a failure)', () => {
        throw new Error(reason);
      });
    });
    return;
  }
  console.warn(`[asterisk tests] skipping "${name}": ${reason}`);
  describe.skip(`${name} (skipped: ${reason})`, () => {
    it('needs a running Asterisk', () => undefined);
  });
}
