// Test fixture: a real SMTP server (npm smtp-server) on 127.0.0.1 that keeps what it receives.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** Who logged in (AUTH PLAIN/LOGIN), if anyone. */
  user?: string;
  /** The raw message (headers and body). */
  raw: string;
}

export interface SmtpSink {
  port: number;
  mails: ReceivedMail[];
  /** Resolves with the first mail that `match` accepts, among those received from the `from`th on (default: all, also those still to come). */
  next(match: (mail: ReceivedMail) => boolean, from?: number): Promise<ReceivedMail>;
  /** While true, every MAIL FROM is answered 451 (a relay that refuses for now); each refusal is counted. */
  refusing: boolean;
  /** Recipients whose RCPT TO is answered 451 (a relay that refuses one mailbox for now, while others' mails go through); counted in `refusals`. */
  refusingTo: string[];
  refusals: number;
  /** While true, a mail's DATA is taken but not answered until `holding` is set false again (a slow relay). */
  holding: boolean;
  /** How long each DATA waits before it is answered (a relay's own work: spam checks, a queue write); default 0. */
  delayMs: number;
  /** Mails in their DATA phase now, and the most there were at once (concurrent deliveries). */
  inData: number;
  mostInData: number;
  close(): Promise<void>;
}

/** Plain SMTP (no STARTTLS) with AUTH required: `user`/`password` are the only login it accepts. */
export async function startSmtpSink(user: string, password: string): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const state = { refusing: false, refusingTo: [] as string[], refusals: 0, holding: false, delayMs: 0, inData: 0, mostInData: 0 };
  const held: Array<() => void> = [];
  const waiting = new Set<{ match: (mail: ReceivedMail) => boolean; resolve: (mail: ReceivedMail) => void }>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user: auth.username });
      else callback(new Error('535 5.7.8 wrong user or password'));
    },
    onMailFrom(_address, _session, callback) {
      if (!state.refusing) return callback();
      state.refusals++;
      callback(Object.assign(new Error('4.3.0 not now, try again later'), { responseCode: 451 }));
    },
    onRcptTo(address, _session, callback) {
      if (!state.refusingTo.includes(address.address)) return callback();
      state.refusals++;
      callback(Object.assign(new Error('4.3.0 not now for this mailbox, try again later'), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      state.inData++;
      state.mostInData = Math.max(state.mostInData, state.inData);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      const answer = () => (state.holding ? held.push(accept) : accept());
      stream.on('end', () => (state.delayMs > 0 ? setTimeout(answer, state.delayMs) : answer()));
      const accept = () => {
        state.inData--;
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...(typeof session.user === 'string' ? { user: session.user } : {}),
          raw: Buffer.concat(chunks).toString('utf8'),
        };
        mails.push(mail);
        for (const w of waiting) {
          if (w.match(mail)) {
            waiting.delete(w);
            w.resolve(mail);
          }
        }
        callback();
      };
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    get refusing() {
      return state.refusing;
    },
    set refusing(value: boolean) {
      state.refusing = value;
    },
    get refusingTo() {
      return state.refusingTo;
    },
    set refusingTo(value: string[]) {
      state.refusingTo = value;
    },
    get refusals() {
      return state.refusals;
    },
    get holding() {
      return state.holding;
    },
    set holding(value: boolean) {
      state.holding = value;
      if (!value) for (const accept of held.splice(0)) accept();
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(value: number) {
      state.delayMs = value;
    },
    get inData() {
      return state.inData;
    },
    get mostInData() {
      return state.mostInData;
    },
    next: (match, from = 0) =>
      new Promise((resolve) => {
        const found = mails.slice(from).find(match);
        if (found) resolve(found);
        else waiting.add({ match, resolve });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A mail's Subject header, decoded from RFC 2047 (nodemailer encodes non-ASCII subjects). */
export function subjectOf(mail: ReceivedMail): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/im.exec(mail.raw)?.[1] ?? '';
  return header
    .replace(/\r\n[ \t]/g, ' ')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}
