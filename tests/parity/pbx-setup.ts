/**
 * Loads flows into the test Asterisk the way the product would, except that dial targets, queue
 * members and external numbers are Local channels into the `parity-target` Stasis app, so the
 * suite can make each of them answer, be busy or not answer, per path. What the flows name is
 * set up from the flows themselves (their references): each queue with the scripted agents, each
 * mailbox, each conference room's profiles, and a spoken file for each uploaded prompt, so a
 * folder of flows from anywhere runs without manual steps.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFlows, renderConfbridge } from '@stumpfworks/dialplan';
import { referencesOf, type Flow, type ResourceKind } from '@stumpfworks/flow';
import { reloadModule, writeGeneratedFile, type LocalAsterisk } from '../support/local-asterisk.js';
import { startRuntime, type MemoryLogger, type Runtime } from '../../packages/ari-runtime/src/index.js';
import { synthesize } from '../../apps/server/src/prompts/prompt-audio.js';
import { pathInRoot, syncSounds } from '../../apps/server/src/publish/sounds.js';

export const TARGET_APP = 'parity-target';
export const CALLER_APP = 'parity-caller';
/** The ARI runtime's Stasis app in the parity runs: its own, so a server on the same Asterisk keeps `stumpfworks`. */
export const RUNTIME_APP = 'parity-runtime';
export const AGENTS_CONTEXT = 'parity-agents';
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

/** The names the flows give of one kind of PBX entry (a queue, a mailbox ...), sorted, without repeats. */
export function namedBy(flows: readonly Flow[], kind: ResourceKind): string[] {
  const names = flows.flatMap((flow) => flow.nodes.flatMap((node) => referencesOf(node).filter((r) => r.kind === kind).map((r) => r.name)));
  return [...new Set(names)].sort();
}

/** Every mailbox the flows name, with PIN 4711. */
export function voicemailConf(flows: readonly Flow[]): string {
  return `; written by tests/parity: the mailboxes the flows name
[default]
${namedBy(flows, 'mailboxes').map((m) => `${m} => 4711,Mailbox ${m},\n`).join('')}`;
}

/** Every queue the flows name, each with the scripted agents (the maximum wait is the flow's, in Queue()). */
export function queuesConf(flows: readonly Flow[]): string {
  const agents = Array.from({ length: AGENT_COUNT }, (_, i) => `member => Local/${9000 + i}@${AGENTS_CONTEXT}/n`).join('\n');
  const sections = namedBy(flows, 'queues').map(
    (queue) => `[${queue}]
strategy = leastrecent
autofill = yes
ringinuse = no
timeout = 15
retry = 1
joinempty = yes
leavewhenempty = no
announce-position = no
${agents}
`,
  );
  return `; written by tests/parity: the queues the flows name\n${sections.join('\n')}`;
}

/** Every room the flows name, with the product's room profiles (open, no limit, not recorded). */
export function confbridgeConf(flows: readonly Flow[]): string {
  return renderConfbridge({ conferences: namedBy(flows, 'rooms').map((id) => ({ id, name: `Raum ${id}`, maxParticipants: 0, record: false })) });
}

/**
 * A short spoken file for each uploaded prompt the flows name that the Asterisk root does not have
 * yet ("Ansage <id>", by espeak-ng and sox as the server's TTS does), handed to the server's
 * publishing (syncSounds) as the uploads.
 */
async function uploadedPrompts(root: string, flows: readonly Flow[], dir: string): Promise<Array<{ id: string; file: string }>> {
  const prompts = pathInRoot(root, '/usr/share/asterisk/sounds/stumpfworks/prompts');
  const missing = namedBy(flows, 'prompts').filter((id) => !existsSync(join(prompts, `${id}.wav`)));
  const uploads: Array<{ id: string; file: string }> = [];
  for (const id of missing) {
    const file = join(dir, `${id}.wav`);
    await synthesize(`Ansage ${id.replace(/[-_]/g, ' ')}`, 'de', file);
    uploads.push({ id, file });
  }
  return uploads;
}

/** Compiles the flows with scripted targets, speaks their prompts, writes the files and reloads. */
export async function loadFlowsIntoAsterisk(asterisk: LocalAsterisk, flows: Flow[]): Promise<void> {
  const compiled = compileFlows(flows, {
    ariApp: RUNTIME_APP,
    dialString: (target) => `Local/${target}@${TARGET_APP}`,
    transferDialString: (number) => `Local/${number}@${TARGET_APP}`,
  });
  if (!compiled.ok) throw new Error(`the flows do not compile: ${JSON.stringify(compiled.diagnostics)}`);
  if (!asterisk.asteriskRoot) throw new Error('the Asterisk root is unknown: run through asterisk.sh (connection.json)');
  const temp = mkdtempSync(join(tmpdir(), 'swf-parity-prompts-'));
  try {
    // The server's own prompt publishing: TTS prompts spoken, uploaded prompts copied.
    await syncSounds(asterisk.asteriskRoot, flows, await uploadedPrompts(asterisk.asteriskRoot, flows, temp));
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  writeGeneratedFile(asterisk, 'extensions.conf', compiled.text);
  writeGeneratedFile(asterisk, 'extensions-test.conf', TEST_DIALPLAN);
  writeGeneratedFile(asterisk, 'voicemail.conf', voicemailConf(flows));
  writeGeneratedFile(asterisk, 'queues.conf', queuesConf(flows));
  writeGeneratedFile(asterisk, 'confbridge.conf', confbridgeConf(flows));
  for (const module of ['pbx_config.so', 'app_voicemail.so', 'app_queue.so', 'app_confbridge.so']) await reloadModule(asterisk, module);
}

/**
 * For the `ari` engine, the ARI runtime (in this process) under the parity's own app name, with
 * the scripted targets' dial strings, sending its trace to the caller app; none for `dialplan`.
 */
export async function startParityRuntime(engine: 'dialplan' | 'ari', asterisk: LocalAsterisk, flows: Flow[], logger: MemoryLogger): Promise<Runtime | undefined> {
  if (engine !== 'ari') return undefined;
  return startRuntime({
    ari: { url: asterisk.ariUrl, user: asterisk.ariUser, password: asterisk.ariPassword },
    app: RUNTIME_APP,
    flows,
    logger,
    dialString: (target) => `Local/${target}@${TARGET_APP}`,
    transferDialString: (number) => `Local/${number}@${TARGET_APP}`,
    traceApplications: [CALLER_APP],
    traceInputs: true,
  });
}
