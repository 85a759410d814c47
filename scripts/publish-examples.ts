/**
 * Publishes examples/*.flow.json to the local Asterisk started by `npm start`: compiles them,
 * speaks their prompts (espeak-ng), writes the generated files atomically and reloads. Demo
 * mailboxes 1000-1003 and the queue `support` come along so every example runs. The server
 * (apps/server) takes this job over with the admin's own resources.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFlows } from '@stumpfworks/dialplan';
import { parseFlow, type Flow } from '@stumpfworks/flow';
import { loadLocalAsterisk, reloadModule, writeGeneratedFile } from '../tests/support/local-asterisk.js';
import { renderTtsPrompts } from '../tests/parity/tts.js';

const examples = join(import.meta.dirname, '..', 'examples');
const flows: Flow[] = readdirSync(examples)
  .filter((f) => f.endsWith('.flow.json'))
  .sort()
  .map((f) => {
    const result = parseFlow(readFileSync(join(examples, f), 'utf8'));
    if (!result.ok) throw new Error(`${f}: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    return result.flow;
  });
const compiled = compileFlows(flows);
if (!compiled.ok) throw new Error(`the examples do not compile: ${JSON.stringify(compiled.diagnostics)}`);

const asterisk = loadLocalAsterisk();
if (!asterisk.asteriskRoot) throw new Error('no Asterisk root known; start it with pnpm asterisk start');
const spoken = await renderTtsPrompts(asterisk.asteriskRoot, flows);
writeGeneratedFile(asterisk, 'extensions.conf', compiled.text);
writeGeneratedFile(
  asterisk,
  'voicemail.conf',
  `; demo mailboxes for the examples (npm start)\n[default]\n${['1000', '1001', '1002', '1003'].map((m) => `${m} => 4711,Mailbox ${m},`).join('\n')}\n`,
);
writeGeneratedFile(
  asterisk,
  'queues.conf',
  '; demo queue for the examples (npm start)\n[support]\nstrategy = ringall\ntimeout = 15\nmember => PJSIP/1002\n',
);
for (const module of ['pbx_config.so', 'app_voicemail.so', 'app_queue.so']) await reloadModule(asterisk, module);
console.log(`published ${flows.length} example flows (${spoken} prompts spoken): ${flows.map((f) => f.id).join(', ')}`);
