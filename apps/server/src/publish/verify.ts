import { trunkEndpoint } from '@stumpfworks/dialplan';
import { amiAction, dialplanHas, type AmiOptions } from '../asterisk/ami.js';
import type { Ari } from '../asterisk/ari.js';
import { CHECK_CONTEXT, GENERATED_FILES, type ConfigSet, type GeneratedFile } from './config-set.js';

/**
 * Checks that Asterisk took the files it just reloaded, reading the live state back:
 * - every reloaded module is still `Running` (ARI);
 * - extensions.conf: the check extension named after this file's hash is in the live dialplan
 *   (AMI ShowDialPlan). pbx_config drops the whole file on a parse error, so a missing mark means
 *   the file was refused, and a stale mark means the old dialplan is still live;
 * - pjsip.conf: every extension and trunk endpoint exists (ARI /endpoints/PJSIP/<name>);
 * - voicemail.conf / queues.conf: every mailbox / queue is listed (AMI).
 * Returns the problems found, empty when all is well.
 */
export async function verifyLive(ari: Ari, ami: AmiOptions, set: ConfigSet, files: GeneratedFile[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    const module = GENERATED_FILES[file];
    const status = await ari.moduleStatus(module);
    if (status !== 'Running') problems.push(`${module} is ${status ?? 'not loaded'} after the reload`);
  }
  if (files.includes('extensions.conf') && !(await dialplanHas(ami, CHECK_CONTEXT, set.dialplanMark))) {
    problems.push('Asterisk did not load the new extensions.conf (its check extension is not in the live dialplan; see messages.log)');
  }
  if (files.includes('pjsip.conf')) {
    const names = [...set.resources.extensions.map((e) => e.id), ...set.resources.trunks.map((t) => trunkEndpoint(t.id))];
    for (const name of names) {
      if (!(await ari.endpointExists('PJSIP', name))) problems.push(`PJSIP endpoint ${name} is missing after the reload of pjsip.conf`);
    }
  }
  if (files.includes('voicemail.conf')) {
    const packets = await amiAction(ami, { Action: 'VoicemailUsersList' });
    const live = new Set(packets.filter((p) => p.Event === 'VoicemailUserEntry').map((p) => `${p.VoiceMailbox}@${p.VMContext}`));
    for (const e of set.resources.extensions) {
      if (e.voicemail.enabled && !live.has(`${e.id}@default`)) problems.push(`mailbox ${e.id}@default is missing after the reload`);
    }
  }
  if (files.includes('queues.conf')) {
    const packets = await amiAction(ami, { Action: 'QueueStatus' });
    const live = new Set(packets.filter((p) => p.Event === 'QueueParams').map((p) => p.Queue));
    for (const q of set.resources.queues) if (!live.has(q.id)) problems.push(`queue ${q.id} is missing after the reload`);
  }
  return problems;
}
