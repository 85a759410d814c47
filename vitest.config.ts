import { defineConfig } from 'vitest/config';

// The real-Asterisk projects share one Asterisk and its generated files: they run one project after
// another (groupOrder), and each project's files one at a time (fileParallelism: false).
export default defineConfig({
  test: {
    projects: [
      {
        // The timeout only catches a hang: path enumeration and replay are CPU-bound and take
        // seconds on a loaded 2-core machine (vitest's default of 5 s failed a run beside others).
        test: {
          name: 'unit',
          testTimeout: 60_000,
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/parity/**/*.test.ts'],
        },
      },
      {
        // Needs a running Asterisk (scripts/test.sh starts one); with CI=true a skip is a failure.
        test: {
          name: 'asterisk',
          sequence: { groupOrder: 1 },
          include: ['tests/asterisk/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // The ARI runtime against a running Asterisk (its own instance: see docs/ari-runtime.md);
        // with CI=true a skip is a failure.
        test: {
          name: 'ari',
          sequence: { groupOrder: 2 },
          include: ['tests/ari-runtime/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // The web app in headless Chromium (Debian chromium + playwright-core) against the real server;
        // with CI=true a missing chromium is a failure.
        test: {
          name: 'web',
          sequence: { groupOrder: 4 },
          include: ['tests/web/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // The server against a real Asterisk (publish, sipp REGISTER, rollback); CI=true fails without one.
        test: {
          name: 'server',
          sequence: { groupOrder: 3 },
          include: ['tests/server/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // A file's it.concurrent calls (recording.test.ts has 8) run in one burst, not in waves of 5.
          maxConcurrency: 8,
        },
      },
    ],
  },
});
