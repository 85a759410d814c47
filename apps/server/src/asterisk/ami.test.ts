import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amiAction, mohClasses, openAmiSession } from './ami.js';

/** A fake AMI on 127.0.0.1: password "good"; answers actions in reverse order of arrival, per pair. */
function fakeAmi(): { server: Server; logins: number } {
  const state = { server: undefined as unknown as Server, logins: 0 };
  state.server = createServer((socket: Socket) => {
    socket.write('Asterisk Call Manager/9.0.0\r\n');
    let buffer = '';
    const held: Array<Record<string, string>> = [];
    const answer = (a: Record<string, string>) => {
      if (a.Action === 'Command') socket.write(`Response: Success\r\nActionID: ${a.ActionID}\r\nOutput: Class: default\r\nOutput: Class: swf-hold\r\n\r\n`);
      else socket.write(`Response: Success\r\nActionID: ${a.ActionID}\r\nMessage: ${a.Action}\r\n\r\n`);
    };
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\r\n\r\n')) !== -1) {
        const fields = Object.fromEntries(buffer.slice(0, end).split('\r\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
        buffer = buffer.slice(end + 4);
        if (fields.Action === 'Login') {
          state.logins++;
          socket.write(`Response: ${fields.Secret === 'good' ? 'Success' : 'Error'}\r\nActionID: ${fields.ActionID}\r\nMessage: auth\r\n\r\n`);
        } else if (fields.Action === 'Logoff') socket.end();
        else if (held.length === 0 && fields.Action === 'First') held.push(fields);
        else {
          answer(fields);
          for (const h of held.splice(0)) answer(h); // the second answer comes first
        }
      }
    });
  });
  return state;
}

describe('AMI session (fake AMI on 127.0.0.1)', () => {
  const fake = fakeAmi();
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((ready) => fake.server.listen(0, '127.0.0.1', ready));
    port = (fake.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((done) => fake.server.close(() => done())));

  it('runs actions side by side over one login, each answer matched by its ActionID', async () => {
    const before = fake.logins;
    const session = openAmiSession({ host: '127.0.0.1', port, user: 'u', secret: 'good' });
    try {
      const [first, second] = await Promise.all([session.run({ Action: 'First' }), session.run({ Action: 'Second' })]);
      expect(first[0]).toMatchObject({ Response: 'Success', Message: 'First' });
      expect(second[0]).toMatchObject({ Response: 'Success', Message: 'Second' });
      expect(await mohClasses(session.run)).toEqual(new Set(['default', 'swf-hold'])); // repeated Output lines are kept
    } finally {
      session.close();
    }
    expect(fake.logins - before).toBe(1);
  });

  it('fails every action of a session whose login is refused, and after close', async () => {
    const session = openAmiSession({ host: '127.0.0.1', port, user: 'u', secret: 'bad' });
    await expect(session.run({ Action: 'Second' })).rejects.toThrow(/AMI\) refused the login/);
    session.close();
    const closed = openAmiSession({ host: '127.0.0.1', port, user: 'u', secret: 'good' });
    closed.close();
    await expect(closed.run({ Action: 'Second' })).rejects.toThrow(/closed/);
    await expect(amiAction({ host: '127.0.0.1', port, user: 'u', secret: 'good' }, { Action: 'Second' })).resolves.toMatchObject([{ Message: 'Second' }]);
  });
});
