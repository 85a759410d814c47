import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AmiPacket } from '../asterisk/ami.js';
import { AmiEventStream } from './ami-event-stream.js';

/** A stand-in AMI on 127.0.0.1: accepts the secret `good`, answers Pings unless told not to. */
async function fakeAmi(options: { answerPings?: boolean } = {}) {
  const sockets: Socket[] = [];
  const logins: string[] = [];
  const resets: string[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.write('Asterisk Call Manager/11.0.0\r\n');
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\r\n\r\n')) !== -1) {
        const fields = Object.fromEntries(buffer.slice(0, end).split('\r\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
        buffer = buffer.slice(end + 4);
        if (fields.Action === 'Login') {
          logins.push(`${fields.Secret}/${fields.Events}`);
          const ok = fields.Secret === 'good';
          socket.write(`Response: ${ok ? 'Success' : 'Error'}\r\nActionID: ${fields.ActionID}\r\nMessage: ${ok ? 'Authentication accepted' : 'Authentication failed'}\r\n\r\n`);
          if (!ok) socket.end();
        } else if (fields.Action === 'Ping' && options.answerPings !== false) {
          socket.write(`Response: Success\r\nActionID: ${fields.ActionID}\r\nPing: Pong\r\n\r\n`);
        }
      }
    });
    socket.on('error', (error) => resets.push(error.message)); // a client that destroys its socket resets it
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    logins,
    sockets,
    /** Sends an event to every open connection. */
    emit: (lines: string) => sockets.filter((s) => !s.destroyed).forEach((s) => s.write(`${lines}\r\n\r\n`)),
    close: () => new Promise<void>((resolve) => {
      sockets.forEach((s) => s.destroy());
      server.close(() => resolve());
    }),
  };
}

/** Resolves once `check` holds, polling every few milliseconds; rejects after 5 s. */
async function until(check: () => boolean): Promise<void> {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('AmiEventStream', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('logs in for the asked classes, delivers events, and reconnects when the connection drops', async () => {
    const ami = await fakeAmi();
    cleanup.push(ami.close);
    const events: AmiPacket[] = [];
    let connects = 0;
    const stream = new AmiEventStream({ ami: { host: '127.0.0.1', port: ami.port, user: 'u', secret: 'good' }, events: 'security', onEvent: (p) => events.push(p), onConnected: () => connects++, firstBackoffMs: 10 });
    cleanup.push(() => stream.stop());
    stream.start();
    await until(() => stream.connected);
    expect(ami.logins).toEqual(['good/security']);
    ami.emit('Event: InvalidAccountID\r\nService: PJSIP\r\nRemoteAddress: IPV4/UDP/127.0.0.23/5999');
    await until(() => events.length === 1);
    expect(events[0]).toMatchObject({ Event: 'InvalidAccountID', RemoteAddress: 'IPV4/UDP/127.0.0.23/5999' });

    ami.sockets[0]!.destroy();
    await until(() => connects === 2 && stream.connected);
    ami.emit('Event: SuccessfulAuth\r\nService: PJSIP');
    await until(() => events.length === 2);
  });

  it('retries a refused login, and drops a connection whose Ping goes unanswered', async () => {
    const refusing = await fakeAmi();
    cleanup.push(refusing.close);
    const lines: string[] = [];
    const refused = new AmiEventStream({ ami: { host: '127.0.0.1', port: refusing.port, user: 'u', secret: 'bad' }, events: 'security', onEvent: () => undefined, log: (l) => lines.push(l), firstBackoffMs: 5, maxBackoffMs: 10 });
    cleanup.push(() => refused.stop());
    refused.start();
    await until(() => refusing.logins.length >= 3);
    expect(refused.connected).toBe(false);
    expect(lines.some((l) => l.includes('refused the event login'))).toBe(true);

    const silent = await fakeAmi({ answerPings: false });
    cleanup.push(silent.close);
    const hung = new AmiEventStream({ ami: { host: '127.0.0.1', port: silent.port, user: 'u', secret: 'good' }, events: 'security', onEvent: () => undefined, firstBackoffMs: 5, pingMs: 20, pingTimeoutMs: 20 });
    cleanup.push(() => hung.stop());
    hung.start();
    await until(() => silent.logins.length >= 2);
  });
});
