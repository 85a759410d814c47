import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

/**
 * One STUN Binding request (RFC 8489, the message RFC 5389 defined): asks a STUN server which
 * address our UDP packets arrive from, i.e. the public address of the router in front of us.
 * Used once, when the network settings name a STUN server and no public address.
 */

const MAGIC_COOKIE = 0x2112a442;
const BINDING_REQUEST = 0x0001;
const BINDING_SUCCESS = 0x0101;
const MAPPED_ADDRESS = 0x0001;
const XOR_MAPPED_ADDRESS = 0x0020;
const FAMILY_IPV4 = 0x01;

/** Why a lookup found no address. */
export class StunError extends Error {
  override readonly name = 'StunError';
  constructor(
    readonly code: 'no-answer' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}

/** A Binding request with the 12-byte transaction id `id` (no attributes). */
export function bindingRequest(id: Buffer): Buffer {
  const message = Buffer.alloc(20);
  message.writeUInt16BE(BINDING_REQUEST, 0);
  message.writeUInt16BE(0, 2);
  message.writeUInt32BE(MAGIC_COOKIE, 4);
  id.copy(message, 8);
  return message;
}

/**
 * The IPv4 address of a Binding success response to the request `id`: XOR-MAPPED-ADDRESS, else
 * the old MAPPED-ADDRESS. Undefined for anything else (another message, another transaction, IPv6).
 */
export function mappedAddress(response: Buffer, id: Buffer): string | undefined {
  if (response.length < 20 || response.readUInt16BE(0) !== BINDING_SUCCESS || response.readUInt32BE(4) !== MAGIC_COOKIE) return undefined;
  if (!response.subarray(8, 20).equals(id)) return undefined;
  const end = Math.min(response.length, 20 + response.readUInt16BE(2));
  let plain: string | undefined;
  for (let at = 20; at + 4 <= end; ) {
    const type = response.readUInt16BE(at);
    const length = response.readUInt16BE(at + 2);
    const value = response.subarray(at + 4, at + 4 + length);
    if (value.length === length && length >= 8 && value[1] === FAMILY_IPV4) {
      const address = value.readUInt32BE(4);
      if (type === XOR_MAPPED_ADDRESS) return ipv4((address ^ MAGIC_COOKIE) >>> 0);
      if (type === MAPPED_ADDRESS) plain ??= ipv4(address);
    }
    at += 4 + length + ((4 - (length % 4)) % 4); // attributes are padded to 4 bytes
  }
  return plain;
}

function ipv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface StunOptions {
  /** How long to wait for an answer after each send (RFC 8489 starts at 500 ms and doubles). */
  timeoutsMs?: number[];
}

/**
 * Asks `host:port` for our public address over UDP: the request is sent again after each timeout
 * (3 sends, 3.5 s in all by default). The socket is connected, so an ICMP "port unreachable" (or an
 * unknown host name) ends the lookup at once instead of after the timeouts.
 */
export async function stunLookup(host: string, port: number, options: StunOptions = {}): Promise<string> {
  const timeouts = options.timeoutsMs ?? [500, 1000, 2000];
  const id = randomBytes(12);
  const request = bindingRequest(id);
  const socket = createSocket('udp4');
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<string>((resolve, reject) => {
      let sent = 0;
      const send = () => {
        if (sent === timeouts.length) {
          reject(new StunError('no-answer', `no answer from ${host}:${port} after ${sent} requests`));
          return;
        }
        socket.send(request);
        timer = setTimeout(send, timeouts[sent++]);
      };
      socket.on('error', (error: NodeJS.ErrnoException) => reject(new StunError('unreachable', `${host}:${port}: ${error.code ?? error.message}`)));
      socket.on('message', (message) => {
        const address = mappedAddress(message, id);
        if (address) resolve(address);
        // Anything else (another transaction, a malformed packet) is not our answer: keep waiting.
      });
      socket.connect(port, host, send);
    });
  } finally {
    clearTimeout(timer);
    socket.close();
  }
}
