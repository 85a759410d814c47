import { connect, type Socket } from 'node:net';
import { AppError } from '../errors.js';
import { say, type Bilingual } from '../http/language.js';

export interface AmiOptions {
  host: string;
  port: number;
  user: string;
  secret: string;
  timeoutMs?: number;
}

/** One AMI packet: `Key: value` lines; a key that repeats (a Command's `Output`) has its values joined by newlines. */
export type AmiPacket = Record<string, string>;

/** One packet of `Key: value` lines (CR LF between them, the blank line already cut off). */
export function parsePacket(block: string): AmiPacket {
  const packet: AmiPacket = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    packet[key] = key in packet ? `${packet[key]}\n${value}` : value;
  }
  return packet;
}

/** An AMI message on the wire: `Key: value` lines, CR LF between them, and a blank line. */
export function amiMessage(fields: Record<string, string>): string {
  return `${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
}

/**
 * Calls `onPacket` for each packet the socket brings (a packet ends at a blank line; the banner
 * line "Asterisk Call Manager/x.y" has no colon, so it parses to nothing). Stops once the socket is
 * destroyed, also in the middle of a chunk.
 */
export function onAmiPackets(socket: Socket, onPacket: (packet: AmiPacket) => void): void {
  let buffer = '';
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while (!socket.destroyed && (end = buffer.indexOf('\r\n\r\n')) !== -1) {
      const packet = parsePacket(buffer.slice(0, end));
      buffer = buffer.slice(end + 4);
      onPacket(packet);
    }
  });
}

/** Runs one AMI action and resolves with the packets that carry its ActionID. */
export type AmiRunner = (action: Record<string, string>) => Promise<AmiPacket[]>;

/** One AMI login that runs many actions, side by side; `close` logs off. */
export interface AmiSession {
  run: AmiRunner;
  close(): void;
}

/**
 * Connects and logs in at once (so the login overlaps whatever the caller does next). Each action
 * collects the packets that carry its ActionID until the response (and, for list actions, the
 * `...Complete` event) arrives, or fails after `timeoutMs`. A dropped connection or a refused
 * login fails every action, pending or later.
 */
export function openAmiSession(opts: AmiOptions): AmiSession {
  const socket = connect({ host: opts.host, port: opts.port });
  const prefix = `swf-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const pending = new Map<string, { packets: AmiPacket[]; done: (error?: Error) => void }>();
  let failure: Error | undefined;
  let next = 0;
  let onLogin: (error?: Error) => void = () => undefined;
  // Resolves with the reason the session is unusable, or undefined once logged in: never rejects, so nothing is left unhandled.
  const login = new Promise<Error | undefined>((resolve) => (onLogin = resolve));
  const loginTimer = setTimeout(() => fail(unavailable({ de: 'Asterisk (AMI) hat auf die Anmeldung nicht geantwortet', en: 'Asterisk (AMI) did not answer the login' })), timeoutMs);
  const send = (fields: Record<string, string>) => socket.write(amiMessage(fields));
  const fail = (error: Error) => {
    if (failure) return;
    failure = error;
    clearTimeout(loginTimer);
    onLogin(error);
    for (const action of [...pending.values()]) action.done(error);
    socket.destroy();
  };
  socket.on('error', (error) => fail(unavailable({ de: `Asterisk (AMI) ist nicht erreichbar: ${error.message}`, en: `Asterisk (AMI) is not reachable: ${error.message}` })));
  socket.on('close', () => fail(unavailable({ de: 'Asterisk (AMI) hat die Verbindung geschlossen', en: 'Asterisk (AMI) closed the connection' })));
  socket.on('connect', () => send({ Action: 'Login', Username: opts.user, Secret: opts.secret, Events: 'off', ActionID: `${prefix}-login` }));
  onAmiPackets(socket, (packet) => {
    if (packet.ActionID === `${prefix}-login`) {
      if (packet.Response !== 'Success') return fail(unavailable({ de: `Asterisk (AMI) hat die Anmeldung abgelehnt: ${packet.Message ?? ''}`, en: `Asterisk (AMI) refused the login: ${packet.Message ?? ''}` }));
      clearTimeout(loginTimer);
      onLogin(undefined);
      return;
    }
    const action = packet.ActionID ? pending.get(packet.ActionID) : undefined;
    if (!action) return;
    action.packets.push(packet);
    const list = packet.EventList === 'start';
    if (packet.Response === 'Error' || (packet.Response && !list) || packet.EventList === 'Complete') action.done();
  });
  return {
    async run(fields) {
      const error = await login;
      if (error) throw error;
      if (failure) throw failure;
      const id = `${prefix}-${++next}`;
      return new Promise<AmiPacket[]>((resolve, reject) => {
        const packets: AmiPacket[] = [];
        const timer = setTimeout(() => done(unavailable({ de: `Asterisk (AMI) hat auf ${fields.Action} nicht geantwortet`, en: `Asterisk (AMI) did not answer ${fields.Action}` })), timeoutMs);
        const done = (failed?: Error) => {
          clearTimeout(timer);
          pending.delete(id);
          if (failed) reject(failed);
          else resolve(packets);
        };
        pending.set(id, { packets, done });
        send({ ...fields, ActionID: id });
      });
    },
    close() {
      clearTimeout(loginTimer);
      if (!failure) {
        failure = unavailable({ de: 'Die AMI-Sitzung ist geschlossen', en: 'the AMI session is closed' });
        onLogin(failure);
        for (const action of [...pending.values()]) action.done(failure);
        socket.end('Action: Logoff\r\n\r\n');
      }
      socket.destroy();
    },
  };
}

/** Logs in, sends one action and collects its packets (see openAmiSession); then logs off. */
export async function amiAction(opts: AmiOptions, action: Record<string, string>): Promise<AmiPacket[]> {
  const session = openAmiSession(opts);
  try {
    return await session.run(action);
  } finally {
    session.close();
  }
}

/** A runner for options (one login per action) or the runner itself (e.g. a session's). */
export function amiRunner(ami: AmiOptions | AmiRunner): AmiRunner {
  return typeof ami === 'function' ? ami : (action) => amiAction(ami, action);
}

/** Whether the live dialplan has `context` (and `exten`, when given). */
export async function dialplanHas(ami: AmiOptions | AmiRunner, context: string, exten?: string): Promise<boolean> {
  const packets = await amiRunner(ami)({ Action: 'ShowDialPlan', Context: context, ...(exten ? { Extension: exten } : {}) });
  return packets.some((p) => p.Event === 'ListDialplan' && p.Context === context && (!exten || p.Extension === exten));
}

/** Whether Asterisk has loaded the voicemail box `mailbox@context` (AMI VoicemailUserStatus). */
export async function mailboxExists(ami: AmiOptions | AmiRunner, context: string, mailbox: string): Promise<boolean> {
  const packets = await amiRunner(ami)({ Action: 'VoicemailUserStatus', Context: context, Mailbox: mailbox });
  return packets.some((p) => p.Event === 'VoicemailUserDetail' && p.VMContext === context && p.VoiceMailbox === mailbox);
}

/** The ConfBridge bridge and user profiles Asterisk has loaded (CLI `confbridge show profile bridges|users`). */
export async function confbridgeProfiles(ami: AmiOptions | AmiRunner): Promise<Set<string>> {
  const run = amiRunner(ami);
  const outputs = await Promise.all(
    ['bridges', 'users'].map(async (kind) => (await run({ Action: 'Command', Command: `confbridge show profile ${kind}` })).map((p) => p.Output ?? '').join('\n')),
  );
  return new Set(outputs.flatMap((output) => output.split('\n').map((line) => line.trim())).filter((line) => line !== '' && !line.startsWith('---')));
}

/** The music-on-hold classes Asterisk has loaded (CLI `moh show classes` through AMI). */
export async function mohClasses(ami: AmiOptions | AmiRunner): Promise<Set<string>> {
  const packets = await amiRunner(ami)({ Action: 'Command', Command: 'moh show classes' });
  const output = packets.map((p) => p.Output ?? '').join('\n');
  return new Set([...output.matchAll(/^Class: (\S+)$/gm)].map((m) => m[1]!));
}

/** AMI cannot answer: 503 for the API, in the caller's language. */
function unavailable(text: Bilingual): AppError {
  return new AppError('asterisk-unavailable', say(text));
}
