import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchHttp, type HttpRequestEffect } from './http-client.js';

let server: Server;
let base = '';
const seen: Array<{ method?: string; type?: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      seen.push({ method: request.method, type: request.headers['content-type'], body });
      const path = request.url ?? '';
      if (path === '/ok') return void response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"tier":"vip"}');
      if (path === '/missing') return void response.writeHead(404).end('{"tier":"vip"}');
      if (path === '/moved') return void response.writeHead(302, { Location: '/ok' }).end();
      if (path === '/close') return void request.socket.destroy();
      if (path === '/never') return; // held until the server closes
      response.writeHead(400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string, timeoutSeconds = 5): HttpRequestEffect => ({ type: 'httpRequest', method: 'GET', url: `${base}${path}`, timeoutSeconds });

describe('fetchHttp (a local server on 127.0.0.1)', () => {
  it('gives the status and body of any response, and does not follow redirects', async () => {
    const signal = new AbortController().signal;
    expect(await fetchHttp(get('/ok'), signal)).toEqual({ kind: 'response', status: 200, body: '{"tier":"vip"}' });
    expect(await fetchHttp(get('/missing'), signal)).toEqual({ kind: 'response', status: 404, body: '{"tier":"vip"}' });
    expect(await fetchHttp(get('/moved'), signal)).toMatchObject({ kind: 'response', status: 302 });
  });

  it('sends a POST body as JSON', async () => {
    await fetchHttp({ type: 'httpRequest', method: 'POST', url: `${base}/ok`, body: '{"a":"b, c"}', timeoutSeconds: 5 }, new AbortController().signal);
    expect(seen.at(-1)).toEqual({ method: 'POST', type: 'application/json', body: '{"a":"b, c"}' });
  });

  it('a closed connection and a refused one are failures with a reason; no answer in time is a timeout', async () => {
    expect(await fetchHttp(get('/close'), new AbortController().signal)).toMatchObject({ kind: 'failure', error: expect.stringMatching(/fetch failed/) });
    expect(await fetchHttp({ ...get(''), url: 'http://127.0.0.1:9/x' }, new AbortController().signal)).toMatchObject({ kind: 'failure' });
    expect(await fetchHttp(get('/never', 1), new AbortController().signal)).toEqual({ kind: 'timeout' });
  });

  it('a cancelled request is a failure, not a timeout', async () => {
    const abort = new AbortController();
    const pending = fetchHttp(get('/never'), abort.signal);
    abort.abort();
    expect(await pending).toMatchObject({ kind: 'failure' });
  });
});
