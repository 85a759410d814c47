/**
 * The caller of a parity path as a real SIP call (sip-paths.ts): sipp sends the INVITE from a
 * trunk's loopback address to the flow's DID, with RTP, and plays the path's keys as RFC 4733
 * telephone-events (dtmf-pcap.ts) each time the driver says the flow reads input. The driver
 * talks to sipp over its 3PCC twin socket: sipp listens on it (the scenario's first twin command
 * is a `recvCmd`), and each command makes it play the next key group. Scenario:
 * tests/parity/sipp/keys.xml.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { connect, Socket } from 'node:net';
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
/** sipp opens its twin socket right after it starts; the driver tries to connect this long. */
const TWIN_CONNECT_MS = 5000;

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
  private readonly callId: string;
  private twin: Socket | undefined;
  private sent = 0;
  private finished = false;
  private exit!: (result: SippResult) => void;

  constructor(
    private readonly options: SipCallOptions,
    private readonly report: (problem: string) => void,
    private readonly hangupChannel: (channelId: string) => void,
  ) {
    this.callId = `swf-parity-sip-${options.index}`;
    this.exited = new Promise((resolve) => (this.exit = resolve));
    keyGroupFiles(options.keyGroups, KEY_SLOTS, 0x5f000000 + options.index).forEach((file, i) => writeFileSync(join(this.dir, `keys-${i + 1}.pcap`), file));
  }

  /**
   * Starts sipp and connects to its twin socket. sipp binds its ports before it sends anything;
   * when another process took one of them meanwhile (they are picked free, but calls start
   * together), it is started again with new ones, up to three times.
   */
  async place(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const started = await this.start();
      if (started === 'connected') return;
      if (attempt === 3 || !/Unable to bind|Address already in use/.test(started.output)) {
        this.finished = true;
        rmSync(this.dir, { recursive: true, force: true });
        this.exit(started);
        return;
      }
    }
  }

  private async start(): Promise<'connected' | SippResult> {
    const [port, mediaPort, twinPort] = [await freePort(), await freePort(), await freePort()];
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
        '-3pcc', `127.0.0.1:${twinPort}`,
        '-cid_str', `${this.callId}-%u`,
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
    let gone = false;
    void exited.then(() => (gone = true));
    const twin = await Promise.race([this.connectTwin(twinPort, () => gone), exited]);
    if (!(twin instanceof Socket)) {
      child.kill();
      return twin ?? (await exited);
    }
    this.twin = twin;
    void exited.then((result) => {
      this.finished = true;
      twin.destroy();
      rmSync(this.dir, { recursive: true, force: true });
      this.exit(result);
    });
    return 'connected';
  }

  /** The flow reads keys: sipp plays the next group. The driver takes the same tokens in the same order. */
  sendKeys(keys: string): void {
    const expected = this.options.keyGroups[this.sent];
    if (keys !== expected) {
      this.report(`keys "${keys}" asked for, but the call's next key group is "${expected ?? '(none)'}"`);
      return;
    }
    this.sent++;
    // A twin command is SIP-like headers, ended by ESC; sipp finds the call by its Call-ID.
    this.twin?.write(`Call-ID: ${this.callId}-1\r\nContent-Length: 0\r\n\r\n\x1b`);
  }

  /** The caller hangs up: Asterisk ends the PJSIP channel and sends sipp its BYE. */
  hangUp(): void {
    if (this.flowChannel !== undefined) this.hangupChannel(this.flowChannel);
  }

  /** A connection to sipp's twin socket; undefined when sipp is gone, or when it did not open in time (reported). */
  private async connectTwin(port: number, gone: () => boolean): Promise<Socket | undefined> {
    const until = Date.now() + TWIN_CONNECT_MS;
    for (;;) {
      if (gone()) return undefined;
      const socket = await new Promise<Socket | Error>((resolve) => {
        const s = connect(port, '127.0.0.1');
        s.once('connect', () => resolve(s));
        s.once('error', (error) => resolve(error));
      });
      if (!(socket instanceof Error)) {
        // sipp resets the socket when it exits, which is no problem then.
        socket.on('error', (error) => {
          if (!this.finished) this.report(`sipp's twin socket: ${error.message}`);
        });
        return socket;
      }
      if (Date.now() > until) {
        this.report(`sipp's twin socket 127.0.0.1:${port}: ${socket.message}`);
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
