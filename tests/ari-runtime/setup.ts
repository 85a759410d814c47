/**
 * The ARI runtime suites' setup: loads flows into the test Asterisk (compiled with `deployment: 'ari'`,
 * dial targets and queue agents are Local channels into the `ari-test-target` Stasis app, so the
 * test decides whether they answer; prompts spoken with the server's prompt publishing, espeak-ng),
 * connects the test client and starts the runtime the way every suite does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFlows } from '@stumpfworks/dialplan';
import { parseFlow, type Flow } from '@stumpfworks/flow';
import { startRuntime, type AriCredentials, type Runtime, type RuntimeOptions } from '../../packages/ari-runtime/src/index.js';
import { AriClient } from '../support/ari.js';
import { reloadModule, writeGeneratedFile, type LocalAsterisk } from '../support/local-asterisk.js';
import { syncSounds } from '../../apps/server/src/publish/sounds.js';

export const RUNTIME_APP = 'swf-ari-test';
export const TARGET_APP = 'ari-test-target';
export const CALLER_APP = 'ari-test-caller';

/** Wednesday 3 June 2026, 10:00 in Berlin: musterfirma is open. */
export const OPEN = new Date('2026-06-03T10:00:00+02:00');

/** Dial strings of the suite: every target is a Local channel into the target app. */
export const dialString = (target: string) => `Local/${target}@${TARGET_APP}`;
export const transferDialString = (number: string) => `Local/${number}@${TARGET_APP}`;

export function loadExample(name: string, deployment: 'ari' | 'dialplan' = 'ari'): Flow {
  const result = parseFlow(readFileSync(join(import.meta.dirname, '..', '..', 'examples', `${name}.flow.json`), 'utf8'));
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems)}`);
  return { ...result.flow, deployment };
}

const TEST_DIALPLAN = `; written by tests/ari-runtime
[${TARGET_APP}]
exten => _X.,1,Stasis(${TARGET_APP},\${EXTEN})
 same => n,Hangup()
`;

const VOICEMAIL = `; written by tests/ari-runtime
[default]
${['1000', '1001', '1002', '1003'].map((m) => `${m} => 4711,Mailbox ${m},`).join('\n')}
`;

/** Compiles the flows (their own deployment modes), writes the generated files and reloads. */
export async function loadFlows(asterisk: LocalAsterisk, flows: Flow[], options: { flowVersions?: Record<string, number> } = {}): Promise<void> {
  const compiled = compileFlows(flows, { dialString, transferDialString, ariApp: RUNTIME_APP, ...options });
  if (!compiled.ok) throw new Error(`the flows do not compile: ${JSON.stringify(compiled.diagnostics)}`);
  if (!asterisk.asteriskRoot) throw new Error('the Asterisk root is unknown: run through asterisk.sh (connection.json)');
  await syncSounds(asterisk.asteriskRoot, flows, []);
  writeGeneratedFile(asterisk, 'extensions.conf', compiled.text);
  writeGeneratedFile(asterisk, 'extensions-test.conf', TEST_DIALPLAN);
  writeGeneratedFile(asterisk, 'voicemail.conf', VOICEMAIL);
  for (const module of ['pbx_config.so', 'app_voicemail.so']) await reloadModule(asterisk, module);
}

/** The test Asterisk's ARI, as the runtime's adapter takes it. */
export function runtimeCredentials(asterisk: LocalAsterisk): AriCredentials {
  return { url: asterisk.ariUrl, user: asterisk.ariUser, password: asterisk.ariPassword };
}

/** The test's own ARI client: it places calls (CALLER_APP) and plays the dial targets (TARGET_APP). */
export function connectTestClient(asterisk: LocalAsterisk): Promise<AriClient> {
  return AriClient.connect(`${CALLER_APP},${TARGET_APP}`, asterisk);
}

/**
 * Starts the runtime as RUNTIME_APP with the suite's dial strings, tracing to the caller app too.
 * The suites differ only in where visits and log lines go and in the flows' published versions.
 */
export function startTestRuntime(
  asterisk: LocalAsterisk,
  flows: Flow[],
  options: Pick<RuntimeOptions, 'sink' | 'logger' | 'flowVersion'> = {},
): Promise<Runtime> {
  return startRuntime({
    ari: runtimeCredentials(asterisk),
    app: RUNTIME_APP,
    flows,
    dialString,
    transferDialString,
    traceApplications: [RUNTIME_APP, CALLER_APP],
    ...options,
  });
}
