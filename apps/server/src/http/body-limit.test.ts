import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing.js';
import { haveTools } from '../testing-tools.js';
import { BODY_LIMIT_BYTES, PROMPT_AUDIO_LIMIT_BYTES } from './body-limit.js';

/** The status line and body of the first answer on a raw connection. */
interface RawAnswer {
  status: number;
  /** The header lines, lower-cased names. */
  headers: string;
  body: string;
  /** Body bytes the test had written when the answer arrived. */
  sentBeforeAnswer: number;
}

/**
 * Speaks HTTP/1.1 by hand, so that a test controls what Content-Length says and how the body is
 * framed: writes `head`, then `body` in 16 KB pieces (as chunks when `chunked`), waiting for each
 * to drain, and stops writing as soon as an answer has come (the request is then left unfinished).
 */
function rawRequest(port: number, head: string, body: { bytes: number; chunked: boolean }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: '127.0.0.1', port });
    let received = '';
    let sent = 0;
    let answered = false;
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close while we write (after its answer): that is the point of some tests.
      if (!answered && error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('data', (data) => {
      received += data.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (answered || end < 0) return;
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(received.slice(0, end))?.[1] ?? 0);
      if (received.length < end + 4 + length) return;
      answered = true;
      resolve({
        status: Number(received.slice(9, 12)),
        headers: received.slice(0, end).replace(/^[^:\r\n]+:/gm, (name) => name.toLowerCase()),
        body: received.slice(end + 4, end + 4 + length),
        sentBeforeAnswer: sent,
      });
      socket.destroy();
    });
    const piece = Buffer.alloc(16 * 1024, 'a');
    socket.on('connect', async () => {
      socket.write(head);
      while (sent < body.bytes && !answered && !socket.destroyed) {
        const part = piece.subarray(0, Math.min(piece.length, body.bytes - sent));
        const frame = body.chunked ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]) : part;
        sent += part.length;
        if (!socket.write(frame)) await new Promise((r) => socket.once('drain', r));
      }
      if (body.chunked && sent >= body.bytes && !answered && !socket.destroyed) socket.write('0\r\n\r\n');
    });
  });
}

describe('body limits (real server)', () => {
  let t: TestServer;
  let head: (method: string, path: string, headers: string[]) => string;
  beforeAll(async () => {
    t = await startTestServer();
    head = (method, path, headers) =>
      [`${method} /api/v1${path} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${t.token}`, ...headers, '', ''].join('\r\n');
  });
  afterAll(() => t.stop());

  it('takes a JSON body of exactly 1 MB to the route, refuses one byte more with 413 in the caller’s language', async () => {
    const json = (bytes: number) => {
      const shell = JSON.stringify({ id: 'big', name: '' });
      return JSON.stringify({ id: 'big', name: 'x'.repeat(bytes - shell.length) });
    };
    expect(json(BODY_LIMIT_BYTES)).toHaveLength(BODY_LIMIT_BYTES);
    const atLimit = await t.api('/extensions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: json(BODY_LIMIT_BYTES) });
    expect(atLimit.status).toBe(422); // the route read it (the name is too long), not the limit
    const over = await t.api('/extensions', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'de' }, body: json(BODY_LIMIT_BYTES + 1) });
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({
      error: { code: 'payload-too-large', message: 'Der Inhalt der Anfrage ist zu groß: höchstens 1 MB', maxBytes: BODY_LIMIT_BYTES },
    });
  });

  it('answers a Content-Length over the limit at once, without waiting for the body', async () => {
    const answer = await rawRequest(t.server.port, head('POST', '/flows', ['Content-Type: application/json', `Content-Length: ${50 * 1024 * 1024}`]), {
      bytes: 0,
      chunked: false,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload-too-large', message: 'the request body is too large: at most 1 MB' } });
    // Nobody reuses the connection while the refused body may still be on its way.
    expect(answer.headers).toMatch(/^connection: close$/m);
  });

  it('counts a chunked body without Content-Length as it comes and answers 413 before it ends', async () => {
    const answer = await rawRequest(t.server.port, head('PUT', '/flows/big', ['Content-Type: application/json', 'Transfer-Encoding: chunked']), {
      bytes: 8 * BODY_LIMIT_BYTES,
      chunked: true,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload-too-large' } });
    // Answered while the body was still coming: it was never held whole.
    expect(answer.sentBeforeAnswer).toBeLessThan(8 * BODY_LIMIT_BYTES);
  });

  it('reads no more than a lying (too small) Content-Length says; the rest is a broken next request', async () => {
    const socket = connect({ host: '127.0.0.1', port: t.server.port });
    let received = '';
    socket.on('data', (data) => (received += data.toString('latin1')));
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') throw error;
    });
    await new Promise<void>((ready) => socket.on('connect', () => ready()));
    // Content-Length says 2, and 1 MB follows: the route answers for "{}" (an empty flow: 422).
    socket.write(head('POST', '/flows', ['Content-Type: application/json', 'Content-Length: 2']) + '{}');
    await expect.poll(() => received, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 422 [^]*"code":"validation"/);
    socket.write('{'.repeat(BODY_LIMIT_BYTES));
    await closed;
    // Node's parser refused the rest as a request of its own and closed the connection.
    expect(received).toMatch(/HTTP\/1\.1 400 Bad Request\r\nConnection: close\r\n/);
    expect((await t.api('/flows')).status).toBe(200);
  });

  it('refuses a body from a stranger with 401 before reading any of it', async () => {
    const stranger = ['POST /api/v1/flows HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', `Content-Length: ${50 * 1024 * 1024}`, '', ''].join('\r\n');
    const answer = await rawRequest(t.server.port, stranger, { bytes: 0, chunked: false });
    expect(answer.status).toBe(401);
  });

  it('allows prompt audio up to 20 MB and answers 413 past it, also chunked', async () => {
    const answer = await rawRequest(t.server.port, head('PUT', '/prompts/big/audio', ['Content-Type: audio/wav', 'Transfer-Encoding: chunked']), {
      bytes: PROMPT_AUDIO_LIMIT_BYTES + 4 * 1024 * 1024,
      chunked: true,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'payload-too-large', message: 'the request body is too large: at most 20 MB', maxBytes: PROMPT_AUDIO_LIMIT_BYTES },
    });
    const declared = await rawRequest(t.server.port, head('PUT', '/prompts/big/audio', ['Content-Type: audio/wav', `Content-Length: ${PROMPT_AUDIO_LIMIT_BYTES + 1}`]), {
      bytes: 0,
      chunked: false,
    });
    expect(declared.status).toBe(413);
  });

  it('states the limits in the OpenAPI spec', async () => {
    const spec = await t.ok<{ info: { description: string }; paths: Record<string, Record<string, { description?: string; responses: Record<string, unknown> }>> }>('/openapi.json');
    expect(spec.info.description).toContain(`at most ${BODY_LIMIT_BYTES} bytes (1 MB)`);
    const upload = spec.paths['/prompts/{id}/audio']!.put!;
    expect(upload.description).toContain(`at most 20 MB (${PROMPT_AUDIO_LIMIT_BYTES} bytes`);
    expect(upload.responses).toHaveProperty('413');
    expect(spec.paths['/flows']!.post!.responses).toHaveProperty('413');
  });

  it.runIf(haveTools(['sox']))('hands an upload over 1 MB but under 20 MB to the converter (sox refuses noise: 422)', async () => {
    const answer = await rawRequest(t.server.port, head('PUT', '/prompts/noise/audio', ['Content-Type: audio/wav', 'Transfer-Encoding: chunked']), {
      bytes: 3 * BODY_LIMIT_BYTES,
      chunked: true,
    });
    expect(answer.status).toBe(422);
    expect(answer.sentBeforeAnswer).toBe(3 * BODY_LIMIT_BYTES);
  });
});
