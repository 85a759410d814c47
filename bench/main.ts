/** `pnpm bench <name>`: benchmark scripts that print figures measured side by side in one run. */
import { benchEditor } from './editor.bench.js';
import { benchFlow } from './flow.bench.js';
import { benchAnalyticsDay } from './history-analytics.bench.js';
import { benchHistoryIngest } from './history-ingest.bench.js';
import { benchHistoryPage } from './history-page.bench.js';
import { benchOpsLogin } from './ops-login.js';
import { benchOps } from './ops.bench.js';
import { benchPublish } from './publish.bench.js';
import { benchRecordings } from './recordings.bench.js';
import { benchRuntime } from './runtime.bench.js';
import { benchSecurity } from './security.bench.js';
import { benchTraffic } from './traffic.bench.js';
import { benchVoicemailMail } from './voicemail-mail.bench.js';

/** `ops` (issue #17): backup and restore (ops.bench.ts), then the login (ops-login.ts). */
const benches: Record<string, () => Promise<void>> = {
  editor: benchEditor,
  flow: benchFlow,
  /** Issue #19: a page of the history and its CSV, all charts of a day (each over a million generated calls), then the ingest of calls sipp places through the real Asterisk. */
  history: async () => {
    await benchHistoryPage();
    await benchAnalyticsDay();
    await benchHistoryIngest();
  },
  /** Issue #18: voicemail to mail (voicemail-mail.bench.ts), then a page of the recordings list (recordings.bench.ts). */
  media: async () => {
    await benchVoicemailMail();
    await benchRecordings();
  },
  ops: async () => {
    await benchOps();
    await benchOpsLogin();
  },
  publish: benchPublish,
  runtime: benchRuntime,
  security: benchSecurity,
  /** Issue #19: the canvas's traffic over a full table of node visits. */
  traffic: benchTraffic,
};

const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: pnpm bench <${Object.keys(benches).join('|')}>`);
  process.exitCode = 2;
} else {
  bench().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
