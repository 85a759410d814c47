/**
 * The caller of a parity path as a real SIP call (sip-paths.ts): sipp sends the INVITE from a
 * trunk's loopback address to the flow's DID, with RTP, and plays the path's keys as RFC 4733
 * telephone-events (dtmf-pcap.ts) each time the driver says the flow reads input. The driver and
 * sipp talk over sipp's 3PCC twin socket (`-3pcc`): sipp connects to a server of this process,
 * says when the call is up (its `sendCmd` after the ACK), and plays the next key group for each
 * command it receives (`recvCmd`). Keys asked for before sipp is past the ACK wait for it: sipp
 * would take a command it does not expect yet as a failed call. Scenario: tests/parity/sipp/keys.xml.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../server/sipp.js';
import type { Caller } from './call-driver.js';
import { keyGroupFiles } from './dtmf-pcap.js';
import { fromHeader, type SippResult } from './sipp-invite.js';

const SCENARIO = fileURLToPath(new URL('./sipp/keys.xml', import.meta.url));
/** Key groups the scenario can play (keys-1.pcap ... keys-8.pcap). */
export const KEY_SLOTS = 8;
/** What sipp's `sendCmd` says once the call is up. */
const ANSWERED = 'X-Parity: answered';

export interface SipCallOptions {
  sipHost: string;
  sipPort: number;
  /** The trunk's loopback address: sipp sends SIP and RTP from it. */
  address: string;
  did: string;
  callerId: string;
  /** The path's key groups, in order (the script's key tokens). */
  keyGroups: string[];
  /** Distinguishes the call's RTP stream (its SSRC) and Call-ID. */
  index: number;
  timeoutSeconds: number;
}

export class SipCaller implements Caller {
  /** sipp's exit and output, once it is gone. */
  readonly exited: Promise<SippResult>;
  /** The PJSIP channel of the call, once Asterisk created it (the caller's hang-up ends it). */
  flowChannel: string | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'swf-sipp-keys-'));
  /** sipp's Call-ID (`-cid_str`, call number 1), by which it finds the call a command is for. */
  private readonly callId: string;
  private twin: Socket | undefined;
  private answered = false;
  /** Key groups asked for before sipp was past the ACK. */
  private waiting = 0;
  private sent = 0;
  private exit!: (result: SippResult) => void;
  /** Key groups the flow asked for before sipp was past the ACK (sent once it was). */
  keysBeforeAck = 0;

  constructor(
    private readonly options: SipCallOptions,
    private readonly report: (problem: string) => void,
    private readonly hangupChannel: (channelId: string) => void,
  ) {
    this.callId = `swf-parity-sip-${options.index}-1`;
    this.exited = new Promise((resolve) => (this.exit = resolve));
    keyGroupFiles(options.keyGroups, KEY_SLOTS, 0x5f000000 + options.index).forEach((file, i) => writeFileSync(join(this.dir, `keys-${i + 1}.pcap`), file));
  }

  /**
   * Starts sipp. It binds its SIP and RTP ports before it sends anything; when another process
   * took one of them meanwhile (they are picked free, but calls start together), it is started
   * again with new ones, up to three times.
   */
  async place(): Promise<void> {
    const server = createServer((socket) => this.onTwin(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    for (let attempt = 1; ; attempt++) {
      const result = await this.run(server);
      if (result === 'started') return;
      if (attempt === 3 || !/Unable to bind|Address already in use/.test(result.output)) {
        this.finish(server, result);
        return;
      }
    }
  }

  /** The flow reads keys: sipp plays the next group. The driver takes the same tokens in the same order. */
  sendKeys(keys: string): void {
    const expected = this.options.keyGroups[this.sent];
    if (keys !== expected) {
      this.report(`keys "${keys}" asked for, but the call's next key group is "${expected ?? '(none)'}"`);
      return;
    }
    this.sent++;
    if (this.answered) this.command();
    else {
      this.waiting++;
      this.keysBeforeAck++;
    }
  }

  /** "Play the next key group". A twin command is SIP-like headers ended by ESC; sipp finds the call by its Call-ID. */
  private command(): void {
    this.twin?.write(`Call-ID: ${this.callId}\r\nContent-Length: 0\r\n\r\n\x1b`);
  }

  /** The caller hangs up: Asterisk ends the PJSIP channel and sends sipp its BYE. */
  hangUp(): void {
    if (this.flowChannel !== undefined) this.hangupChannel(this.flowChannel);
  }

  /** One sipp run: 'started' once sipp connected to the twin server (its end comes with `exited`), or how it gave up. */
  private async run(server: Server): Promise<'started' | SippResult> {
    const [port, mediaPort] = [await freePort(), await freePort()];
    const o = this.options;
    const child = spawn(
      'sipp',
      [
        `${o.sipHost}:${o.sipPort}`,
        '-sf', SCENARIO,
        '-key', 'did', o.did,
        '-key', 'from', fromHeader(o.callerId, '', o.address),
        '-i', o.address,
        '-bind_local',
        '-p', String(port),
        '-mi', o.address,
        '-mp', String(mediaPort),
        '-3pcc', `127.0.0.1:${(server.address() as AddressInfo).port}`,
        '-cid_str', this.callId.replace(/-1$/, '-%u'),
        '-m', '1',
        '-timeout', `${o.timeoutSeconds}s`,
        '-timeout_error',
        '-nostdin',
        '-trace_err',
        '-error_file', join(this.dir, 'errors.log'),
      ],
      { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<SippResult>((resolve) => {
      child.once('error', (error) => resolve({ code: null, output: `sipp did not start: ${error.message}` }));
      child.once('exit', (code) => {
        const errors = join(this.dir, 'errors.log');
        resolve({ code, output: `${output}${code !== 0 && existsSync(errors) ? readFileSync(errors, 'utf8').slice(-2000) : ''}` });
      });
    });
    const connected = new Promise<'started'>((resolve) => server.once('connection', () => resolve('started')));
    const first = await Promise.race([connected, exited]);
    if (first === 'started') void exited.then((result) => this.finish(server, result));
    return first;
  }

  private onTwin(socket: Socket): void {
    this.twin = socket;
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (this.answered || !text.includes(ANSWERED)) return;
      this.answered = true;
      for (; this.waiting > 0; this.waiting--) this.command();
    });
    // sipp resets the socket when it exits; anything else is worth knowing.
    socket.on('error', (error) => {
      if (!/ECONNRESET|EPIPE/.test(error.message)) this.report(`sipp's twin socket: ${error.message}`);
    });
  }

  private finish(server: Server, result: SippResult): void {
    this.twin?.destroy();
    server.close();
    rmSync(this.dir, { recursive: true, force: true });
    this.exit(result);
  }
}
