import { connect } from 'node:net';
import { AppError } from '../errors.js';

export interface AmiOptions {
  host: string;
  port: number;
  user: string;
  secret: string;
  timeoutMs?: number;
}

/** One AMI packet: `Key: value` lines. */
export type AmiPacket = Record<string, string>;

function parsePacket(block: string): AmiPacket {
  const packet: AmiPacket = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) packet[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return packet;
}

/**
 * Logs in, sends one action and collects the packets that carry its ActionID until the response
 * (and, for list actions, the `...Complete` event) arrives; then logs off.
 */
export function amiAction(opts: AmiOptions, action: Record<string, string>): Promise<AmiPacket[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: opts.host, port: opts.port });
    const id = `swf-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const packets: AmiPacket[] = [];
    let buffer = '';
    let loggedIn = false;
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.end('Action: Logoff\r\n\r\n');
      socket.destroy();
      if (error) reject(error);
      else resolve(packets);
    };
    const timer = setTimeout(() => finish(new AppError('asterisk-unavailable', `AMI ${action.Action} timed out`)), opts.timeoutMs ?? 5000);
    const send = (fields: Record<string, string>) =>
      socket.write(`${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`);
    socket.on('error', (error) => finish(new AppError('asterisk-unavailable', `AMI: ${error.message}`)));
    socket.on('connect', () => send({ Action: 'Login', Username: opts.user, Secret: opts.secret, Events: 'off', ActionID: `${id}-login` }));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n\r\n')) !== -1) {
        const packet = parsePacket(buffer.slice(0, end));
        buffer = buffer.slice(end + 4);
        if (packet.ActionID === `${id}-login`) {
          if (packet.Response !== 'Success') return finish(new AppError('asterisk-unavailable', `AMI login refused: ${packet.Message ?? ''}`));
          loggedIn = true;
          send({ ...action, ActionID: id });
        } else if (loggedIn && packet.ActionID === id) {
          packets.push(packet);
          const list = packet.EventList === 'start';
          if (packet.Response === 'Error' || (packet.Response && !list) || packet.EventList === 'Complete') return finish();
        }
      }
    });
    // The banner line ("Asterisk Call Manager/x.y") has no colon, so parsePacket ignores it.
  });
}

/** Whether the live dialplan has `context` (and `exten`, when given). */
export async function dialplanHas(opts: AmiOptions, context: string, exten?: string): Promise<boolean> {
  const packets = await amiAction(opts, { Action: 'ShowDialPlan', Context: context, ...(exten ? { Extension: exten } : {}) });
  return packets.some((p) => p.Event === 'ListDialplan' && p.Context === context && (!exten || p.Extension === exten));
}
