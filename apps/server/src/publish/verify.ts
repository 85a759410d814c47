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
 * - pjsip.conf: every extension and trunk endpoint exists (one ARI GET /endpoints/PJSIP);
 * - voicemail.conf / queues.conf: every mailbox / queue is listed (AMI).
 * Returns the problems found, empty when all is well.
 */
export async function verifyLive(ari: Ari, ami: AmiOptions, set: ConfigSet, files: GeneratedFile[]): Promise<string[]> {
  // The checks are independent reads: run them side by side, each returning its problems.
  const checks: Array<Promise<string[]>> = files.map(async (file) => {
    const module = GENERATED_FILES[file];
    const status = await ari.moduleStatus(module);
    return status === 'Running' ? [] : [`${module} is ${status ?? 'not loaded'} after the reload`];
  });
  if (files.includes('extensions.conf')) {
    checks.push(
      dialplanHas(ami, CHECK_CONTEXT, set.dialplanMark).then((found) =>
        found ? [] : ['Asterisk did not load the new extensions.conf (its check extension is not in the live dialplan; see messages.log)'],
      ),
    );
  }
  if (files.includes('pjsip.conf')) {
    const names = [...set.resources.extensions.map((e) => e.id), ...set.resources.trunks.map((t) => trunkEndpoint(t.id))];
    checks.push(
      ari.endpointNames('PJSIP').then((live) =>
        names.filter((name) => !live.has(name)).map((name) => `PJSIP endpoint ${name} is missing after the reload of pjsip.conf`),
      ),
    );
  }
  if (files.includes('voicemail.conf')) {
    checks.push(
      amiAction(ami, { Action: 'VoicemailUsersList' }).then((packets) => {
        const live = new Set(packets.filter((p) => p.Event === 'VoicemailUserEntry').map((p) => `${p.VoiceMailbox}@${p.VMContext}`));
        return set.resources.extensions
          .filter((e) => e.voicemail.enabled && !live.has(`${e.id}@default`))
          .map((e) => `mailbox ${e.id}@default is missing after the reload`);
      }),
    );
  }
  if (files.includes('queues.conf')) {
    checks.push(
      amiAction(ami, { Action: 'QueueStatus' }).then((packets) => {
        const live = new Set(packets.filter((p) => p.Event === 'QueueParams').map((p) => p.Queue));
        return set.resources.queues.filter((q) => !live.has(q.id)).map((q) => `queue ${q.id} is missing after the reload`);
      }),
    );
  }
  return (await Promise.all(checks)).flat();
}
