/**
 * (i) What the HTTP request node relies on in Asterisk 22: CURL() with CURLOPT(header) gives the
 * status line, so 2xx, other statuses, a refused or closed connection and a timeout can be told
 * apart (the last two only by the time taken); the body follows the first empty line; POST sends
 * the body as it is; the compiler's value steps (REPLACE, STRREPLACE and URIENCODE by name, then
 * JSON_DECODE for a mapped field) give what the engine's `urlValue`, `jsonStringValue` and
 * `responseField` give, for hostile values too, and no canary value runs a command. Table:
 * docs/asterisk-notes.md.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fillTemplate, jsonStringValue, responseField, urlValue } from '@stumpfworks/engine';
import { CALLER_NUMBER_MAX_BYTES, HTTP_BODY_LIMIT, HTTP_REQUEST_LIMIT } from '@stumpfworks/flow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { PROBE_FILES } from './probe-config.js';
import { canaryFiles, canaryName, hostileValues } from '../support/hostile-values.js';
import { Probe } from './probe.js';

const availability = await detectAsterisk();

const CUSTOMER = { customer: { tier: 'vip', name: 'Anna, M' }, n: 5 };
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string | undefined) => Buffer.from(text ?? '', 'base64').toString('utf8');

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The test web service: one path per behaviour. */
function startServer(): Promise<Server> {
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const path = request.url ?? '';
      const json = (status: number, value: unknown) => {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (path.startsWith('/ok')) return json(200, CUSTOMER);
      if (path.startsWith('/created')) return json(201, CUSTOMER);
      if (path.startsWith('/empty')) return void response.writeHead(204).end();
      if (path.startsWith('/notfound')) return json(404, CUSTOMER);
      if (path.startsWith('/error')) return json(500, { error: 'boom' });
      if (path.startsWith('/redirect')) return void response.writeHead(302, { Location: '/ok' }).end();
      if (path.startsWith('/echo')) return json(200, { method: request.method, type: request.headers['content-type'] ?? '', body, url: path });
      if (path.startsWith('/count')) return json(200, { bytes: Buffer.byteLength(body), url: path.length });
      if (path.startsWith('/close')) return void request.socket.destroy();
      if (path.startsWith('/big')) return json(200, { tier: 'vip', pad: 'x'.repeat(20_000) });
      if (path.startsWith('/slow')) return void setTimeout(() => json(200, CUSTOMER), 4000);
      json(400, { unknown: path });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A port nobody listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeWithAsterisk(availability, 'CURL() and JSON_DECODE() for the HTTP request node', (asterisk) => {
  let probe: Probe;
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = await startServer();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    probe = await Probe.start(asterisk, [PROBE_FILES.dialplan]);
  });
  afterAll(async () => {
    await probe?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function request(url: string, body = '', timeout = 2) {
    const call = await probe.call('swf-probe-http', { variables: { PROBE_URL: url, PROBE_BODY: body === '' ? '' : b64(body), PROBE_TIMEOUT: String(timeout) } });
    const fields = await probe.step(call, 'http', { timeoutMs: 20_000 });
    await probe.end(call);
    return { status: fields.status ?? '', ms: Number(fields.ms), body: unb64(fields.body), length: Number(fields.length), tier: fields.tier };
  }

  it.each([
    ['/ok', '200', JSON.stringify(CUSTOMER)],
    ['/created', '201', JSON.stringify(CUSTOMER)],
    ['/empty', '204', ''],
    ['/notfound', '404', JSON.stringify(CUSTOMER)],
    ['/error', '500', '{"error":"boom"}'],
    ['/redirect', '302', ''],
  ])('%s: the status from the status line, the body after the headers', async (path, status, body) => {
    expect(await request(`${base}${path}`)).toMatchObject({ status, body });
  });

  it('a long answer is cut to about 4,000 bytes (headers included), past HTTP_BODY_LIMIT: its JSON is lost', async () => {
    const result = await request(`${base}/big`);
    expect(result.status).toBe('200');
    expect(result.length).toBeLessThan(JSON.stringify({ tier: 'vip', pad: 'x'.repeat(20_000) }).length);
    expect(result.length).toBeGreaterThan(HTTP_BODY_LIMIT);
    expect(result.tier).toBe('');
  });

  it('a refused connection and a closed one give no status line at all', async () => {
    expect(await request(`http://127.0.0.1:${await closedPort()}/x`)).toMatchObject({ status: '', body: '' });
    expect(await request(`${base}/close`)).toMatchObject({ status: '', body: '' });
  });

  it('a slow answer gives no status line, after at least the timeout (CURLOPT httptimeout)', async () => {
    const result = await request(`${base}/slow`, '', 2);
    expect(result).toMatchObject({ status: '', body: '' });
    expect(result.ms).toBeGreaterThanOrEqual(2000);
  });

  it('POST sends the body as it is (quotes and commas included) with Content-Type application/json', async () => {
    const body = '{"caller":"+4989","list":[1,2],"text":"a, b"}';
    const result = await request(`${base}/echo`, body);
    expect(result.status).toBe('200');
    expect(JSON.parse(result.body)).toEqual({ method: 'POST', type: 'application/json', body, url: '/echo' });
  });

  it('CURL() gets at most about 4,090 bytes of arguments: a longer body is cut (so HTTP_REQUEST_LIMIT is 4000)', async () => {
    const url = `${base}/count`;
    const received = async (body: string) => {
      const call = await probe.call('swf-probe-curl-long', { variables: { PROBE_URL: url, PROBE_RAW: body } });
      const fields = await probe.step(call, 'curl-long');
      await probe.end(call);
      return JSON.parse(unb64(fields.body)) as { bytes: number };
    };
    // The URL, a comma and the body: HTTP_REQUEST_LIMIT bytes in all.
    const fits = `{"a":"${'x'.repeat(HTTP_REQUEST_LIMIT - url.length - 1 - 8)}"}`;
    expect((await received(fits)).bytes).toBe(fits.length);
    const cut = (await received(`{"a":"${'x'.repeat(6000)}"}`)).bytes;
    expect(cut).toBeGreaterThan(HTTP_REQUEST_LIMIT - url.length);
    expect(cut).toBeLessThan(4100 - url.length);
  });

  const json = JSON.stringify({
    customer: { tier: 'vip', name: 'Anna, M', id: 4711 },
    ok: true,
    no: false,
    x: null,
    arr: [{ b: 'x' }, 2],
    r: 0.1,
    r3: 1e21,
    big: 12345678901,
    s: 'Mü,l"l{e}r;|$[x]\\y',
    p: 'f(x):1 a):1:2 ${SHELL(x)}',
    c: 'tab\there\u0007',
  });

  /** Runs the probe's value steps and reads their variables while the call waits. */
  async function values(text: string, body = '{}', path = 'a'): Promise<Record<'T' | 'U' | 'J' | 'RAW' | 'V', string>> {
    const call = await probe.call('swf-probe-json', { variables: { PROBE_JSON: b64(body), PROBE_PATH: path, PROBE_TEXT: b64(text) } });
    await probe.step(call, 'json');
    const read = async (name: string) => probe.ari.getChannelVar(call.two, name);
    const result = { T: await read('T'), U: await read('U'), J: await read('J'), RAW: await read('RAW'), V: await read('V') };
    await probe.end(call);
    return result;
  }

  it.each([
    'customer.tier',
    'customer.name',
    'customer.id',
    'customer',
    'arr',
    'customer.tier.more',
    'customer.missing',
    'nope.x',
    'ok',
    'no',
    'x',
    'arr.0.b',
    'arr.1',
    'arr.b',
    'arr.7',
    'r',
    'r3',
    'big',
    's',
    'p',
    'c',
  ])("the mapped field %s (JSON_DECODE, then REPLACE by name) equals the engine's responseField", async (path) => {
    expect((await values('x', json, path)).V).toBe(responseField(json, path));
  });

  it("a ')' followed by ':' in a function's argument ends the call there: URIENCODE() of 'a):1:1' gives nothing", async () => {
    expect(await values('a):1:1')).toMatchObject({ T: 'a):1:1', RAW: '', U: 'a%29%3A1%3A1', J: 'a\\u0029:1:1' });
  });

  it.each([
    ['x', 254],
    ['x', 255],
    ['x', 300],
    ['ä', 127],
    ['ä', 128],
    ['€', 85],
  ])("the caller number %j x %i goes into a request whole up to 254 bytes, and as empty beyond (CALLERID(num) reads 255)", async (c, n) => {
    const call = await probe.call('swf-probe-caller-number', { variables: { PROBE_CALLER: b64(c.repeat(n)) } });
    await probe.step(call, 'caller');
    const held = (await probe.ari.listChannels()).find((channel) => channel.id === call.two)?.caller.number ?? '';
    const sent = await probe.ari.getChannelVar(call.two, 'SWF_HTTP_CALLER');
    await probe.end(call);
    expect(held).toBe(c.repeat(n));
    expect(sent).toBe(Buffer.byteLength(held) > CALLER_NUMBER_MAX_BYTES ? '' : held);
    expect(fillTemplate('${CALLERID}', {}, held, 'body')).toBe(sent);
  });

  const canary = canaryName();
  it.each([...hostileValues(canary), "a!b*c'd(e)f~g-h_i.j:k@l&m=n+o?p/q#r%s ä+49", 'ctl\u0001\u001f\u007fend', '€'.repeat(300)])(
    "%j prepared for a URL and a JSON string equals the engine's urlValue and jsonStringValue",
    async (text) => {
      const { T, U, J } = await values(text);
      expect(T).toBe(text);
      expect(U).toBe(urlValue(text));
      expect(J).toBe(jsonStringValue(text));
      expect(JSON.parse(`{"v":"${J}"}`)).toEqual({ v: text.replace(/[\u0000-\u001f\u007f]/g, '') });
    },
  );

  it('no canary value ran a command', () => {
    expect(canaryFiles(canary, asterisk.asteriskRoot)).toEqual([]);
  });
});
