import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../db/database.js';
import { AppError, errorBody } from '../../errors.js';
import { languageMiddleware } from '../../http/language.js';
import { networkSection } from '../../settings/network.settings.js';
import { settingsRouter } from './settings.index.js';

/** A STUN server on 127.0.0.1 that says we come from `address` (XOR-MAPPED-ADDRESS). */
async function stunResponder(address: string): Promise<Socket> {
  const socket = createSocket('udp4');
  socket.on('message', (request, from) => {
    const reply = Buffer.alloc(32);
    request.copy(reply, 0, 0, 20);
    reply.writeUInt16BE(0x0101, 0);
    reply.writeUInt16BE(12, 2);
    reply.writeUInt16BE(0x0020, 20);
    reply.writeUInt16BE(8, 22);
    reply[25] = 0x01;
    address.split('.').forEach((octet, i) => (reply[28 + i] = Number(octet) ^ request[4 + i]!));
    socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

describe('/settings/network (real SQLite, STUN on loopback)', () => {
  let dir: string;
  let db: ReturnType<typeof openDatabase>;
  let stun: Socket | undefined;
  let put: (body: unknown, language?: string) => Promise<Response>;
  let get: () => Promise<unknown>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swf-network-'));
    db = openDatabase(dir);
    await migrateToLatest(db);
    // The language first, as in createApp: it must run before the routes.
    const router = new Hono();
    router.use('*', languageMiddleware());
    router.route('/', settingsRouter({ db }, [networkSection]));
    router.onError((error, c) => (error instanceof AppError ? c.json(errorBody(error), error.status) : c.json({ error: String(error) }, 500)));
    put = async (body, language = 'en') =>
      router.request('/settings/network', { method: 'PUT', headers: { 'content-type': 'application/json', 'accept-language': language }, body: JSON.stringify(body) });
    get = async () => (await router.request('/settings/network')).json();
  });
  afterEach(async () => {
    stun?.close();
    stun = undefined;
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads no public address, the RFC 1918 networks and RTP on 10000-20000 until saved', async () => {
    expect(await get()).toEqual({ publicAddress: null, stunServer: null, localNetworks: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], rtpPortStart: 10000, rtpPortEnd: 20000 });
    const saved = await put({ publicAddress: '203.0.113.5', localNetworks: ['192.168.178.0/24'], rtpPortStart: 16000, rtpPortEnd: 16999 });
    expect(saved.status).toBe(200);
    expect(await get()).toMatchObject({ publicAddress: '203.0.113.5', localNetworks: ['192.168.178.0/24'], rtpPortStart: 16000, rtpPortEnd: 16999 });
  });

  it('asks the STUN server once for the public address when none is given', async () => {
    stun = await stunResponder('198.51.100.23');
    const server = `127.0.0.1:${(stun.address()).port}`;
    const saved = await put({ stunServer: server });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(await saved.json()).toMatchObject({ publicAddress: '198.51.100.23', stunServer: server });
    expect(await get()).toMatchObject({ publicAddress: '198.51.100.23' });
    // A given address wins: the STUN server is not asked (it would say 198.51.100.23).
    expect(await (await put({ stunServer: server, publicAddress: '203.0.113.9' })).json()).toMatchObject({ publicAddress: '203.0.113.9' });
  });

  it('refuses a STUN server that does not answer or says we are on loopback, and keeps what was saved', async () => {
    stun = await stunResponder('127.0.0.1');
    const loopback = await put({ stunServer: `127.0.0.1:${stun.address().port}` });
    expect(loopback.status).toBe(422);
    expect(await loopback.json()).toMatchObject({ error: { issues: [{ path: 'stunServer', message: expect.stringContaining('sees us at 127.0.0.1') }] } });
    const port = stun.address().port;
    stun.close();
    stun = undefined;
    const gone = await put({ stunServer: `127.0.0.1:${port}` }, 'de');
    expect(gone.status).toBe(422);
    expect(await gone.json()).toMatchObject({ error: { issues: [{ path: 'stunServer', message: expect.stringContaining('nicht erreichbar') }] } });
    expect(await get()).toMatchObject({ publicAddress: null, stunServer: null });
  });

  it('refuses what Asterisk would not take or would take wrongly, with field paths', async () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [{ publicAddress: '203.0.113' }, 'publicAddress', /IPv4 address/],
      [{ publicAddress: '127.0.0.1' }, 'publicAddress', /loopback/],
      [{ publicAddress: '239.1.2.3' }, 'publicAddress', /multicast/],
      [{ publicAddress: '203.0.113.5;x' }, 'publicAddress', /IPv4 address/],
      [{ stunServer: 'stun.example.net:99999' }, 'stunServer', /host name/],
      [{ stunServer: 'stun example' }, 'stunServer', /host name/],
      [{ localNetworks: ['192.168.1.5/24'] }, 'localNetworks[0]', /did you mean 192\.168\.1\.0\/24/],
      [{ localNetworks: ['0.0.0.0/0'] }, 'localNetworks[0]', /\/8 or smaller/],
      [{ localNetworks: ['10.0.0.0/8', '10.0.0.0/8'] }, 'localNetworks[1]', /listed already/],
      [{ localNetworks: ['10.0.0.0'] }, 'localNetworks[0]', /CIDR/],
      [{ rtpPortStart: 10001 }, 'rtpPortStart', /even/],
      [{ rtpPortStart: 20000, rtpPortEnd: 20000 }, 'rtpPortEnd', /greater than rtpPortStart/],
      [{ rtpPortStart: 80 }, 'rtpPortStart', /./],
    ];
    for (const [body, path, message] of cases) {
      const response = await put(body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      const issues = ((await response.json()) as { error: { issues: Array<{ path: string; message: string }> } }).error.issues;
      expect(issues, JSON.stringify(body)).toContainEqual({ path, message: expect.stringMatching(message) });
    }
    expect(await get()).toMatchObject({ publicAddress: null });
  });
});
