import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { bindingRequest, mappedAddress, stunLookup, StunError } from './stun.js';

/** A Binding success response to `request` carrying `address` (XOR-MAPPED or plain MAPPED). */
function answer(request: Buffer, address: string, xor = true, extraFirst?: Buffer): Buffer {
  const octets = Buffer.from(address.split('.').map(Number));
  const value = Buffer.alloc(8);
  value[1] = 0x01;
  value.writeUInt16BE(xor ? 4711 ^ 0x2112 : 4711, 2);
  for (let i = 0; i < 4; i++) value[4 + i] = xor ? octets[i]! ^ request[4 + i]! : octets[i]!;
  const attribute = Buffer.concat([Buffer.from([0, xor ? 0x20 : 0x01, 0, 8]), value]);
  const body = extraFirst ? Buffer.concat([extraFirst, attribute]) : attribute;
  const header = Buffer.from(request.subarray(0, 20));
  header.writeUInt16BE(0x0101, 0);
  header.writeUInt16BE(body.length, 2);
  return Buffer.concat([header, body]);
}

/** A STUN server on 127.0.0.1 that answers each request with what `reply` makes of it (nothing: stays silent). */
async function responder(reply: (request: Buffer) => Buffer[]): Promise<{ port: number; requests: number; socket: Socket }> {
  const socket = createSocket('udp4');
  const state = { port: 0, requests: 0, socket };
  socket.on('message', (message, from) => {
    state.requests++;
    for (const packet of reply(message)) socket.send(packet, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  state.port = socket.address().port;
  return state;
}

const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

describe('STUN Binding request (RFC 8489)', () => {
  const id = Buffer.from('0123456789ab');

  it('reads XOR-MAPPED-ADDRESS, and MAPPED-ADDRESS from servers that only send that', () => {
    const request = bindingRequest(id);
    expect(request.readUInt16BE(0)).toBe(0x0001);
    expect(request.readUInt32BE(4)).toBe(0x2112a442);
    expect(mappedAddress(answer(request, '203.0.113.7'), id)).toBe('203.0.113.7');
    expect(mappedAddress(answer(request, '198.51.100.200', false), id)).toBe('198.51.100.200');
    // An unknown attribute before it (with padding) is skipped.
    expect(mappedAddress(answer(request, '203.0.113.7', true, Buffer.from([0x80, 0x22, 0, 3, 65, 66, 67, 0])), id)).toBe('203.0.113.7');
  });

  it('takes no answer to another transaction, no error response and no truncated packet', () => {
    const request = bindingRequest(id);
    expect(mappedAddress(answer(bindingRequest(Buffer.from('ba9876543210')), '203.0.113.7'), id)).toBeUndefined();
    const error = answer(request, '203.0.113.7');
    error.writeUInt16BE(0x0111, 0);
    expect(mappedAddress(error, id)).toBeUndefined();
    expect(mappedAddress(answer(request, '203.0.113.7').subarray(0, 26), id)).toBeUndefined();
  });

  it('asks a server on loopback, ignoring a stray packet before its answer', async () => {
    const server = await responder((request) => [Buffer.from('noise'), answer(request, '203.0.113.7')]);
    sockets.push(server.socket);
    expect(await stunLookup('127.0.0.1', server.port)).toBe('203.0.113.7');
    expect(server.requests).toBe(1);
  });

  it('sends again when an answer is lost, and gives up after the last timeout', async () => {
    let lost = 1;
    const flaky = await responder((request) => (lost-- > 0 ? [] : [answer(request, '203.0.113.8')]));
    sockets.push(flaky.socket);
    expect(await stunLookup('127.0.0.1', flaky.port, { timeoutsMs: [50, 50] })).toBe('203.0.113.8');
    expect(flaky.requests).toBe(2);

    const silent = await responder(() => []);
    sockets.push(silent.socket);
    const failure = await stunLookup('127.0.0.1', silent.port, { timeoutsMs: [20, 20, 20] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StunError);
    expect(failure).toMatchObject({ code: 'no-answer' });
    expect(silent.requests).toBe(3);
  });

  it('fails at once where nothing listens (ICMP port unreachable on the connected socket)', async () => {
    const closed = await responder(() => []);
    const port = closed.port;
    closed.socket.close();
    const failure = await stunLookup('127.0.0.1', port, { timeoutsMs: [60_000] }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'StunError', code: 'unreachable' });
    expect(String((failure as Error).message)).toContain('ECONNREFUSED');
  });
});
