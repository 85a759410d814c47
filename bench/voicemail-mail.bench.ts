/**
 * `pnpm bench media`, the voicemail part (issue #18): from a caller's hang-up to the SMTP server
 * accepting the voicemail's mail. A server (temp DATA_DIR, the product's mailer settings: the
 * spool watched, scanned every 15 s) publishes PARALLEL boxes with an address and a flow to each;
 * sipp phones leave CALLS messages (PARALLEL at a time, each call held HOLD_MS: the greeting, then
 * some seconds of a 440 Hz tone) and hang up; a real SMTP server on loopback (npm smtp-server)
 * takes the mails, answering each DATA after SMTP_DELAY_MS (a real relay's own work), so several
 * mails at once show: the mailer hands up to four to the relay at once. The relay has no alert
 * recipient (voicemail mail needs only the boxes' addresses). The time runs from sipp's exit (its BYE answered) to the mail's arrival: Asterisk
 * saving the message, mailcmd's drop, the server's pickup, reading the files and the SMTP dialogue.
 * Prints `voicemail_to_mail_p50_ms`, `voicemail_to_mail_p95_ms`, `voicemail_mails` and
 * `voicemail_mails_at_once` (the most DATA phases the relay saw at the same time).
 * Needs the local Asterisk (asterisk.sh start + env) and sipp.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtpSink } from '../apps/server/src/alerts/smtp-sink.fixture.js';
import { GENERATED_FILES } from '../apps/server/src/publish/config-set.js';
import { startTestServer } from '../apps/server/src/testing.js';
import { sippCallAndHangUp } from '../tests/server/sipp.js';
import { keepGeneratedFiles, loadLocalAsterisk, serverAsteriskEnv, stateFilePath } from '../tests/support/local-asterisk.js';
import { percentile, report } from './stats.js';

const CALLS = Number(process.env.BENCH_VM_CALLS ?? 10);
const PARALLEL = 5;
/** The greeting takes about 12 s on Asterisk 22's English prompts; then 2 s of message. */
const HOLD_MS = 14_000;
const CALLER = { id: '1470', secret: 'Bench-Caller-Secret-2026!' };
/** How long the relay takes to answer each mail's DATA. */
const SMTP_DELAY_MS = Number(process.env.BENCH_VM_SMTP_DELAY_MS ?? 1000);

export async function benchVoicemailMail(): Promise<void> {
  const asterisk = loadLocalAsterisk();
  const { sipPort } = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  const restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
  const smtp = await startSmtpSink('pbx', 'bench-smtp');
  smtp.delayMs = SMTP_DELAY_MS;
  const t = await startTestServer(serverAsteriskEnv(), { ariRuntime: false });
  const boxes = Array.from({ length: PARALLEL }, (_, i) => String(1471 + i));
  try {
    for (const box of boxes) rmSync(join(asterisk.asteriskRoot!, 'var/spool/asterisk/voicemail/default', box), { recursive: true, force: true });
    await t.ok('/alerts/settings', {
      method: 'PUT',
      json: { smtp: { enabled: true, host: '127.0.0.1', port: smtp.port, tls: 'none', user: 'pbx', password: 'bench-smtp', from: 'pbx@example.com', recipients: [] } },
    });
    await t.ok('/extensions', { method: 'POST', json: { id: CALLER.id, name: 'Bench caller', secret: CALLER.secret } }, 201);
    for (const box of boxes) {
      await t.ok('/extensions', { method: 'POST', json: { id: box, name: `Box ${box}`, voicemail: { enabled: true, pin: '4711', email: `box${box}@example.com` } } }, 201);
      const flow = { schemaVersion: 1, id: `bench-vm-${box}`, name: `Voicemail ${box}`, deployment: 'dialplan', nodes: [{ id: 'start', type: 'Start', params: { number: `7${box.slice(1)}` } }, { id: 'vm', type: 'Voicemail', params: { mailbox: box } }], edges: [{ from: 'start', output: 'next', to: 'vm' }] };
      await t.ok('/flows', { method: 'POST', json: flow }, 201);
      await t.ok(`/flows/${flow.id}/versions`, { method: 'POST' }, 201);
    }
    await t.ok('/publish', { method: 'POST' });

    const latencies: number[] = [];
    for (let done = 0; done < CALLS; done += PARALLEL) {
      const round = boxes.slice(0, Math.min(PARALLEL, CALLS - done));
      const from = smtp.mails.length;
      await Promise.all(
        round.map(async (box) => {
          const arrived = smtp.next((m) => m.to.includes(`box${box}@example.com`), from).then(() => Date.now());
          const call = await sippCallAndHangUp(sipPort, CALLER.id, CALLER.secret, `7${box.slice(1)}`, HOLD_MS);
          const hungUp = Date.now();
          if (call.status !== 0) throw new Error(`the call to box ${box} failed: ${call.output}`);
          latencies.push((await arrived) - hungUp);
        }),
      );
    }
    report('voicemail_to_mail_p50_ms', percentile(latencies, 50), 0);
    report('voicemail_to_mail_p95_ms', percentile(latencies, 95), 0);
    report('voicemail_mails', latencies.length, 0);
    report('voicemail_mails_at_once', smtp.mostInData, 0);
  } finally {
    await t.stop();
    await smtp.close();
    await restoreFiles();
  }
}
