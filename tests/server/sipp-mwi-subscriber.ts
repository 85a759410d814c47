import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCENARIO = join(import.meta.dirname, 'sipp/mwi-subscribe.xml');
const UNSOLICITED = join(import.meta.dirname, 'sipp/mwi-notify.xml');

/** One SIP message the phone sent or received, as sipp's -trace_msg logged it. */
export interface SipMessage {
  direction: 'sent' | 'received';
  /** The start line: `NOTIFY sip:... SIP/2.0`, `SIP/2.0 200 OK`. */
  line: string;
  /** The first value of a header (case-insensitive), if the message has it. */
  header(name: string): string | undefined;
  body: string;
}

/** What a NOTIFY for message-summary said, and whether it came in the phone's subscription dialog. */
export interface MwiNotice {
  /** In the SUBSCRIBE's dialog (its Call-ID); false for an unsolicited NOTIFY. */
  inDialog: boolean;
  /** Subscription-State, e.g. `active;expires=600` or `terminated`. */
  state: string;
  waiting: 'yes' | 'no' | undefined;
  voiceMessage: string;
  /** Message-Account: what the phone's voicemail key may dial. */
  account: string;
  /** Its position in `messages()`. */
  index: number;
}

export interface MwiSubscriberOptions {
  sipPort: number;
  user: string;
  password: string;
  /** The SUBSCRIBE's Request-URI user: the extension (its AOR) or the voicemail number. */
  target: string;
  /** The phone's port: it registers and subscribes from there. */
  port: number;
}

/**
 * A phone that registers, then SUBSCRIBEs to message-summary from the same port
 * (sipp/mwi-subscribe.xml), one move per `step()`: first the SUBSCRIBE, then the un-SUBSCRIBE
 * (Expires: 0), then it ends (sipp exits 0 if every answer was as expected). Unsolicited NOTIFYs
 * are answered too, so the test sees every NOTIFY the phone got, in order.
 */
export class SippMwiSubscriber {
  private readonly dir = mkdtempSync(join(tmpdir(), 'swf-mwi-sub-'));
  private readonly child: ChildProcess;
  private readonly callId = `swf-mwi-${randomUUID()}`;
  private steps = 0;
  readonly exited: Promise<number | null>;

  constructor(readonly options: MwiSubscriberOptions) {
    const { sipPort, user, password, target, port } = options;
    this.child = spawn(
      'sipp',
      [
        `127.0.0.1:${sipPort}`,
        '-sf', SCENARIO,
        '-oocsf', UNSOLICITED,
        '-s', user,
        '-au', user,
        '-ap', password,
        '-key', 'target', target,
        '-cid_str', this.callId,
        '-i', '127.0.0.1',
        '-p', String(port),
        '-m', '1',
        '-nostdin',
        '-timeout', '120s',
        '-timeout_error',
        '-trace_msg', '-message_file', join(this.dir, 'messages.log'),
        '-trace_err', '-error_file', join(this.dir, 'errors.log'),
      ],
      { cwd: this.dir, stdio: 'ignore' },
    );
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Every message the phone sent and received so far, in order. */
  messages(): SipMessage[] {
    const file = join(this.dir, 'messages.log');
    const log = existsSync(file) ? readFileSync(file, 'utf8') : '';
    return log.split(/^-{20,}.*\n/m).flatMap((entry): SipMessage[] => {
      // "UDP message sent (412 bytes):" and "UDP message received [533] bytes :"
      const match = /^\w+ message (?:sent \(\d+ bytes\)|(received) \[\d+\] bytes ):\n\n([\s\S]*)$/.exec(entry);
      if (!match) return [];
      const [head = '', ...rest] = match[2]!.replace(/\r/g, '').split('\n\n');
      const [line = '', ...headers] = head.split('\n');
      return [{
        direction: match[1] ? 'received' : 'sent',
        line,
        header: (name) => headers.find((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim(),
        body: rest.join('\n\n'),
      }];
    });
  }

  /** The message-summary NOTIFYs the phone received, oldest first. */
  notices(): MwiNotice[] {
    return this.messages().flatMap((m, index): MwiNotice[] => {
      if (m.direction !== 'received' || !m.line.startsWith('NOTIFY ')) return [];
      const line = (name: string) => new RegExp(`^${name}: *(.*)$`, 'im').exec(m.body)?.[1]?.trim() ?? '';
      return [{
        inDialog: m.header('Call-ID') === this.callId,
        state: m.header('Subscription-State') ?? '',
        waiting: line('Messages-Waiting').toLowerCase() as 'yes' | 'no',
        voiceMessage: line('Voice-Message'),
        account: line('Message-Account'),
        index,
      }];
    });
  }

  /** The position in `messages()` of the first message the phone sent that matches, or -1. */
  sentAt(matches: (m: SipMessage) => boolean): number {
    return this.messages().findIndex((m) => m.direction === 'sent' && matches(m));
  }

  /** Tells the phone to take its next move: a request in its call, which the scenario waits for. */
  async step(): Promise<void> {
    this.steps += 1;
    const { user, port } = this.options;
    const request = [
      `OPTIONS sip:${user}@127.0.0.1:${port} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-swf-step-${this.steps}`,
      'From: <sip:test@127.0.0.1>;tag=swf-step',
      `To: <sip:${user}@127.0.0.1>`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${this.steps} OPTIONS`,
      'Max-Forwards: 70',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    const socket = createSocket('udp4');
    try {
      await new Promise<void>((resolve, reject) => socket.send(request, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
    } finally {
      socket.close();
    }
  }

  /** sipp's error log (unexpected messages and the like), for a failed assertion's message. */
  errors(): string {
    const file = join(this.dir, 'errors.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /**
   * Stops sipp (by its own pid) if it still runs, and removes its files. A subscription still up
   * (a failed test) is ended first with the un-SUBSCRIBE: left in Asterisk (and its astdb) for its
   * 600 s, it would keep the unsolicited NOTIFYs from the next run's phone.
   */
  async stop(): Promise<void> {
    const subscribed = () => {
      const sent = this.messages().filter((m) => m.direction === 'sent' && m.line.startsWith('SUBSCRIBE '));
      return sent.length > 0 && !sent.some((m) => m.header('Expires') === '0');
    };
    if (this.child.exitCode === null && subscribed()) {
      await this.step();
      for (let attempt = 0; attempt < 25 && !this.notices().some((n) => n.inDialog && n.state.startsWith('terminated')); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    if (this.child.exitCode === null && this.child.pid !== undefined) this.child.kill('SIGTERM');
    await this.exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
