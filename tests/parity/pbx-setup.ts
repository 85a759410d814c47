/**
 * Loads the example flows into the test Asterisk the way the product would, except that dial
 * targets, queue members and external numbers are Local channels into the `parity-target` Stasis
 * app, so the suite can make each of them answer, be busy or not answer, per path.
 */
import { compileFlows } from '@stumpfworks/dialplan';
import type { Flow } from '@stumpfworks/flow';
import { reloadModule, writeGeneratedFile, type LocalAsterisk } from '../support/local-asterisk.js';
import { syncSounds } from '../../apps/server/src/publish/sounds.js';

export const TARGET_APP = 'parity-target';
export const CALLER_APP = 'parity-caller';
/** The ARI runtime's Stasis app in the parity runs: its own, so a server on the same Asterisk keeps `stumpfworks`. */
export const RUNTIME_APP = 'parity-runtime';
export const AGENTS_CONTEXT = 'parity-agents';
export const MAILBOXES = ['1000', '1001', '1002', '1003'];
/**
 * Queue agents. The suite runs all paths at once, so dozens of callers wait in the queue together;
 * with one agent only the caller at the head would ever ring. Like a real team, many agents let
 * the queue (autofill) ring an agent for every waiting caller.
 */
const AGENT_COUNT = 150;

const TEST_DIALPLAN = `; written by tests/parity: scripted dial targets and queue agents
[${TARGET_APP}]
exten => _X.,1,Stasis(${TARGET_APP},\${EXTEN},\${SWF_PATH})
 same => n,Hangup()

[${AGENTS_CONTEXT}]
exten => _X.,1,Stasis(${TARGET_APP},agent,\${SWF_PATH})
 same => n,Hangup()
`;

const VOICEMAIL = `; written by tests/parity
[default]
${MAILBOXES.map((m) => `${m} => 4711,Mailbox ${m},`).join('\n')}
`;

const QUEUES = `; written by tests/parity
[support]
strategy = leastrecent
autofill = yes
ringinuse = no
timeout = 15
retry = 1
joinempty = yes
leavewhenempty = no
announce-position = no
${Array.from({ length: AGENT_COUNT }, (_, i) => `member => Local/${9000 + i}@${AGENTS_CONTEXT}/n`).join('\n')}
`;

/** Compiles the flows with scripted targets, speaks their prompts, writes the files and reloads. */
export async function loadFlowsIntoAsterisk(asterisk: LocalAsterisk, flows: Flow[], options: { ariApp?: string } = {}): Promise<void> {
  const compiled = compileFlows(flows, {
    ...(options.ariApp ? { ariApp: options.ariApp } : {}),
    dialString: (target) => `Local/${target}@${TARGET_APP}`,
    transferDialString: (number) => `Local/${number}@${TARGET_APP}`,
  });
  if (!compiled.ok) throw new Error(`the examples do not compile: ${JSON.stringify(compiled.diagnostics)}`);
  if (!asterisk.asteriskRoot) throw new Error('the Asterisk root is unknown: run through asterisk.sh (connection.json)');
  await syncSounds(asterisk.asteriskRoot, flows, []); // the server's own prompt publishing
  writeGeneratedFile(asterisk, 'extensions.conf', compiled.text);
  writeGeneratedFile(asterisk, 'extensions-test.conf', TEST_DIALPLAN);
  writeGeneratedFile(asterisk, 'voicemail.conf', VOICEMAIL);
  writeGeneratedFile(asterisk, 'queues.conf', QUEUES);
  for (const module of ['pbx_config.so', 'app_voicemail.so', 'app_queue.so']) await reloadModule(asterisk, module);
}
