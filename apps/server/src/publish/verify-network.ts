import { natEntries, transportName, type NetworkSettings } from '@stumpfworks/dialplan';
import type { AmiRunner } from '../asterisk/ami.js';

/** The text of an AMI `Command` action's output. */
async function command(run: AmiRunner, text: string): Promise<string> {
  return (await run({ Action: 'Command', Command: text })).map((p) => p.Output ?? '').join('\n');
}

/** `10.0.0.0/8` as Asterisk prints a local_net: `10.0.0.0/255.0.0.0`. */
function withNetmask(cidr: string): string {
  const [base, prefix] = cidr.split('/');
  const mask = Number(prefix) === 0 ? 0 : (0xffffffff << (32 - Number(prefix))) >>> 0;
  return `${base}/${[24, 16, 8, 0].map((shift) => (mask >>> shift) & 255).join('.')}`;
}

/**
 * The base UDP transport's NAT lines, read back after a reload of pjsip.conf (`pjsip show
 * transport`): its public address and local networks are the settings' (none without a public
 * address). res_pjsip takes them on a reload; a transport it could not apply keeps the old values.
 */
export async function checkTransportNat(run: AmiRunner, network: NetworkSettings): Promise<string[]> {
  const name = transportName('udp');
  const output = await command(run, `pjsip show transport ${name}`);
  const values = (key: string) => [...output.matchAll(new RegExp(`^\\s*${key}\\s*:[ \\t]*(\\S*)`, 'gm'))].map((m) => m[1]!);
  const wanted = new Map<string, string[]>([
    ['external_media_address', [network.publicAddress ?? '']],
    ['external_signaling_address', [network.publicAddress ?? '']],
    ['local_net', natEntries(network).filter(([key]) => key === 'local_net').map(([, net]) => withNetmask(String(net)))],
  ]);
  const problems: string[] = [];
  for (const [key, expected] of wanted) {
    const live = values(key);
    if (live.join(' ') !== expected.join(' ')) {
      problems.push(`PJSIP transport ${name} has ${key} ${live.join(', ') || '(none)'} after the reload of pjsip.conf, not ${expected.join(', ') || '(none)'}`);
    }
  }
  return problems;
}

/** The RTP port range Asterisk uses now (`rtp show settings`), after a reload of rtp.conf. */
export async function checkRtpRange(run: AmiRunner, network: NetworkSettings): Promise<string[]> {
  const output = await command(run, 'rtp show settings');
  const start = /Port start:\s*(\d+)/.exec(output)?.[1];
  const end = /Port end:\s*(\d+)/.exec(output)?.[1];
  if (start === String(network.rtpPortStart) && end === String(network.rtpPortEnd)) return [];
  return [`Asterisk uses RTP ports ${start ?? '?'}-${end ?? '?'} after the reload of rtp.conf, not ${network.rtpPortStart}-${network.rtpPortEnd} (does the base rtp.conf #tryinclude stumpfworks/rtp.conf?)`];
}
