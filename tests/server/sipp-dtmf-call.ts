import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeMediaPort, freePort } from './sipp.js';
import { tone } from './tone.js';

/**
 * Wait `pauseMs` (after the answer, or after the previous step ended), then send `digits` as RFC
 * 4733 events, or speak: stream the 440 Hz tone (tone.ts) as RTP for `speakMs` (recording a
 * greeting by phone, say). The phone is silent otherwise: sipp 3.6's play_dtmf during a running
 * rtp_stream sends each event packet with the audio's timestamp, which Asterisk takes as a new key
 * each (a 6 arrived as twelve 6s).
 */
export type DtmfStep = { pauseMs: number; digits: string } | { pauseMs: number; speakMs: number };

/** The phone's offer: telephone-event as payload type 96, the one sipp's play_dtmf sends with (fixed in sipp 3.6). */
const sdp = `v=0
o=phone 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0 96
a=rtpmap:0 PCMU/8000
a=rtpmap:96 telephone-event/8000
a=fmtp:96 0-16
a=sendrecv
`;

function invite(ext: string, service: string, cseq: number, auth: boolean): string {
  return `INVITE sip:${service}@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:${ext}@[remote_ip]>;tag=[pid]SIPpTag09[call_number]
To: <sip:${service}@[remote_ip]>
Call-ID: [call_id]
CSeq: ${cseq} INVITE
Contact: <sip:${ext}@[local_ip]:[local_port]>
${auth ? '[authentication]\n' : ''}Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

${sdp}`;
}

function request(method: string, ext: string, service: string, cseq: number, url: string): string {
  return `${method} ${url} SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:${ext}@[remote_ip]>;tag=[pid]SIPpTag09[call_number]
To: <sip:${service}@[remote_ip]>[peer_tag_param]
Call-ID: [call_id]
CSeq: ${cseq} ${method}
[routes]
Max-Forwards: 70
Content-Length: 0

`;
}

/** How long sipp's play_dtmf takes per digit: 200 ms of tone and 200 ms of gap. */
const DIGIT_MS = 400;

const cdata = (text: string) => `<![CDATA[\n${text}]]>`;

/**
 * The scenario of a phone (`ext`, digest auth) that calls `service`, keys in `steps` once
 * answered (an IVR such as VoiceMailMain reads them as the caller's keys) and hangs up. Digits are
 * written into the scenario (sipp reads exec attributes once): only 0-9 * #.
 */
export function dtmfScenario(ext: string, service: string, steps: DtmfStep[]): string {
  for (const step of steps) if ('digits' in step && !/^[0-9*#]+$/.test(step.digits)) throw new Error(`not DTMF: ${step.digits}`);
  const exec = (action: string) => `  <nop><action><exec ${action}/></action></nop>`;
  // sipp plays the digits in the background (200 ms tone, 200 ms gap each) while the scenario goes
  // on: the next pause starts with them, so it is lengthened by their time.
  const digitsMs = (step: DtmfStep | undefined) => (step && 'digits' in step ? step.digits.length * DIGIT_MS : 0);
  let spoken = false;
  const keys = steps
    .map((s, i) => {
      const pause = `  <pause milliseconds="${s.pauseMs + digitsMs(steps[i - 1])}"/>`;
      if ('digits' in s) return `${pause}\n${exec(`play_dtmf="${s.digits}"`)}`;
      const start = exec(spoken ? 'rtp_stream="resume"' : 'rtp_stream="tone.ul,-1,0"');
      spoken = true;
      return `${pause}\n${start}\n  <pause milliseconds="${s.speakMs}"/>\n${exec('rtp_stream="pause"')}`;
    })
    .join('\n');
  const tail = digitsMs(steps.at(-1)) + 1000;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="phone keys in DTMF">
  <send retrans="500">${cdata(invite(ext, service, 1, false))}</send>
  <recv response="100" optional="true"/>
  <recv response="401" auth="true"/>
  <send>${cdata(request('ACK', ext, service, 1, `sip:${service}@[remote_ip]:[remote_port]`).replace('[routes]\n', ''))}</send>
  <send retrans="500">${cdata(invite(ext, service, 2, true))}</send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rrs="true"/>
  <send>${cdata(request('ACK', ext, service, 2, '[next_url]'))}</send>
${keys}
  <pause milliseconds="${tail}"/>
  <send retrans="500">${cdata(request('BYE', ext, service, 3, '[next_url]'))}</send>
  <recv response="200"/>
</scenario>
`;
}

/** Runs the call of dtmfScenario against 127.0.0.1:`sipPort`; exit 0 means every step went as written. */
export async function dtmfCall(sipPort: number, ext: string, password: string, service: string, steps: DtmfStep[]): Promise<{ status: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'swf-dtmf-'));
  try {
    writeFileSync(join(dir, 'call.xml'), dtmfScenario(ext, service, steps));
    writeFileSync(join(dir, 'tone.ul'), tone());
    const args = [`127.0.0.1:${sipPort}`, '-sf', 'call.xml', '-au', ext, '-ap', password, '-i', '127.0.0.1', '-p', String(await freePort()), '-mp', String(await freeMediaPort()), '-m', '1', '-nostdin', '-timeout', '120s', '-timeout_error', '-trace_err', '-error_file', 'errors.log'];
    const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { status, output: output.slice(-4000) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
