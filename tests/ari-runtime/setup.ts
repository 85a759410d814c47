/**
 * Loads flows into the test Asterisk for the ARI runtime suites: the flows are compiled with
 * `deployment: 'ari'`, dial targets and queue agents are Local channels into the `ari-test-target`
 * Stasis app (the test decides whether they answer), and prompts are spoken with the server's prompt publishing (espeak-ng).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFlows } from '@stumpfworks/dialplan';
import { parseFlow, type Flow } from '@stumpfworks/flow';
import { reloadModule, writeGeneratedFile, type LocalAsterisk } from '../support/local-asterisk.js';
import { syncSounds } from '../../apps/server/src/publish/sounds.js';

export const RUNTIME_APP = 'swf-ari-test';
export const TARGET_APP = 'ari-test-target';
export const CALLER_APP = 'ari-test-caller';

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
