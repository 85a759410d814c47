import { mohClass, roomProfiles, transportName, trunkEndpoint } from '@stumpfworks/dialplan';
import { amiRunner, confbridgeProfiles, dialplanHas, mailboxExists, mohClasses, openAmiSession, type AmiOptions, type AmiRunner } from '../asterisk/ami.js';
import type { Ari } from '../asterisk/ari.js';
import type { LiveChecks } from './apply.js';
import { CHECK_CONTEXT, type ConfigSet, type GeneratedFile } from './config-set.js';
import { checkRtpRange, checkTransportNat } from './verify-network.js';

/**
 * Checks that Asterisk took the files it just reloaded, reading the live state back (that the
 * reload itself succeeded, ARI's PUT /asterisk/modules/{name} answered; a module cannot stop
 * running through a reload, so its status is not asked for):
 * - extensions.conf: the check extension named after this file's hash is in the live dialplan
 *   (AMI ShowDialPlan). pbx_config drops the whole file on a parse error, so a missing mark means
 *   the file was refused, and a stale mark means the old dialplan is still live;
 * - pjsip.conf: every extension and trunk endpoint exists (one ARI GET /endpoints/PJSIP); the
 *   TCP/TLS transports the trunks use exist, and every registration runs over its transport
 *   (pjsip keeps the old registration when the new one cannot be made, e.g. a TLS transport
 *   without its CA bundle); the base UDP transport has the network settings' NAT lines;
 * - voicemail.conf: the check mailbox named after this file's hash is loaded (AMI
 *   VoicemailUserStatus), as for extensions.conf. app_voicemail drops a single mailbox only when
 *   its number starts with * or is defined twice; extension numbers are digits, each once;
 * - queues.conf: every queue is listed (AMI QueueStatus);
 * - musiconhold.conf: every class a queue plays is loaded (AMI Command `moh show classes`);
 * - confbridge.conf: every room's bridge and user profiles are loaded (AMI Command `confbridge show profile ...`);
 * - rtp.conf: Asterisk uses the settings' RTP port range (AMI Command `rtp show settings`).
 * `ami` is a session (the publish logs in once for all its checks) or the options (one login per check).
 * Returns the problems found, empty when all is well.
 */
export async function verifyLive(ari: Ari, ami: AmiOptions | AmiRunner, set: ConfigSet, files: GeneratedFile[]): Promise<string[]> {
  const run = amiRunner(ami);
  // The checks are independent reads: run them side by side, each returning its problems.
  const checks: Array<Promise<string[]>> = [];
  if (files.includes('extensions.conf')) {
    checks.push(
      dialplanHas(run, CHECK_CONTEXT, set.dialplanMark).then((found) =>
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
  if (files.includes('pjsip.conf')) checks.push(checkTrunkTransports(run, set), checkTransportNat(run, set.network));
  if (files.includes('rtp.conf')) checks.push(checkRtpRange(run, set.network));
  if (files.includes('voicemail.conf')) {
    checks.push(
      mailboxExists(run, CHECK_CONTEXT, set.voicemailMark).then((found) =>
        found ? [] : ['Asterisk did not load the new voicemail.conf (its check mailbox is not among the live mailboxes; see messages.log)'],
      ),
    );
  }
  const classes = [...new Set(set.resources.queues.map((q) => mohClass(q.musicOnHold)))];
  if (files.includes('musiconhold.conf') && classes.length > 0) {
    checks.push(
      mohClasses(run).then((live) => classes.filter((c) => !live.has(c)).map((c) => `music-on-hold class ${c} is missing after the reload of musiconhold.conf`)),
    );
  }
  if (files.includes('queues.conf') && set.resources.queues.length > 0) {
    checks.push(
      run({ Action: 'QueueStatus' }).then((packets) => {
        const live = new Set(packets.filter((p) => p.Event === 'QueueParams').map((p) => p.Queue));
        return set.resources.queues.filter((q) => !live.has(q.id)).map((q) => `queue ${q.id} is missing after the reload`);
      }),
    );
  }
  if (files.includes('confbridge.conf') && set.resources.conferences.length > 0) {
    const wanted = set.resources.conferences.flatMap((room) => Object.values(roomProfiles(room.id)));
    checks.push(
      confbridgeProfiles(run).then((live) =>
        wanted.filter((name) => !live.has(name)).map((name) => `conference profile ${name} is missing after the reload of confbridge.conf`),
      ),
    );
  }
  return (await Promise.all(checks)).flat();
}

/** A publish's checks of `set` (verifyLive) over one AMI login, made now and ended by `close`. */
export function openLiveChecks(ari: Ari, ami: AmiOptions, set: ConfigSet): LiveChecks {
  const session = openAmiSession(ami);
  return { check: (file) => verifyLive(ari, session.run, set, [file]), close: () => session.close() };
}

/** The trunks' transports and registrations, read back through AMI (see verifyLive). */
async function checkTrunkTransports(run: AmiRunner, set: ConfigSet): Promise<string[]> {
  const trunks = set.resources.trunks;
  const problems: string[] = [];
  const wanted = [...new Set(trunks.filter((t) => t.transport !== 'udp').map((t) => transportName(t.transport)))];
  if (wanted.length > 0) {
    const output = (await run({ Action: 'Command', Command: 'pjsip show transports' })).map((p) => p.Output ?? '').join('\n');
    const live = new Set([...output.matchAll(/^Transport:\s+(\S+)\s/gm)].map((m) => m[1]!));
    for (const name of wanted.filter((n) => !live.has(n))) {
      problems.push(
        `PJSIP transport ${name} is missing after the reload of pjsip.conf${name.endsWith('tls') ? ' (is the CA bundle /etc/ssl/certs/ca-certificates.crt, package ca-certificates, in the Asterisk root?)' : ''}`,
      );
    }
  }
  const registrations = trunks.filter((t) => t.type === 'registration');
  if (registrations.length > 0) {
    const packets = await run({ Action: 'PJSIPShowRegistrationsOutbound' });
    const live = new Map(packets.filter((p) => p.Event === 'OutboundRegistrationDetail').map((p) => [p.ObjectName, p.Transport]));
    for (const t of registrations) {
      const name = trunkEndpoint(t.id);
      if (!live.has(name)) problems.push(`the registration of trunk ${t.id} is missing after the reload of pjsip.conf`);
      else if (live.get(name) !== transportName(t.transport)) {
        problems.push(`the registration of trunk ${t.id} still runs over ${live.get(name) || 'the default transport'}, not ${transportName(t.transport)}: Asterisk kept the old one`);
      }
    }
  }
  return problems;
}
