import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { MemoryLogger } from '../logger.js';
import { AriClientAdapter, type AriClientAdapterOptions } from './ari-client-adapter.js';
import { AriRequestError } from './types.js';

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('AriClientAdapter', () => {
  it("silences swagger-client's deprecation notice on connect, and only that", () => {
    const log = (globalThis as { log?: (...args: unknown[]) => void }).log;
    expect(typeof log).toBe('function'); // the global swagger-client leaks when ari-client loads
    const print = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      log!('This API is using a deprecated version of Swagger!  Please see http://github.com/wordnik/swagger-core/wiki for more info');
      expect(print).not.toHaveBeenCalled();
      log!("server can't produce application/xml");
      expect(print).toHaveBeenCalledWith(["server can't produce application/xml"]);
    } finally {
      print.mockRestore();
    }
    expect((log as { history?: unknown }).history).toBeUndefined();
  });

  it('stops trying to connect when closed, instead of waiting out its backoff', async () => {
    const logger = new MemoryLogger();
    const adapter = new AriClientAdapter({
      url: `http://127.0.0.1:${await closedPort()}/ari`,
      user: 'u',
      password: 'p',
      app: 'closing-test',
      logger,
      backoff: { next: () => 3_600_000, reset: () => undefined }, // an hour: only close() can end the wait
    });
    const connecting = adapter.connect();
    await expect.poll(() => logger.lines.length).toBeGreaterThan(0); // the first attempt failed
    await adapter.close();
    await expect(connecting).rejects.toThrow(/the adapter was closed/);
    expect(adapter.state).toBe('disconnected');
  });
});

/**
 * A fake ARI on loopback: the REST description ari-client loads (events, and channels with only
 * setChannelVar), and an events endpoint that takes the WebSocket upgrade request and never answers
 * it, as a wedged Asterisk does. A setChannelVar request gets its connection closed, no answer,
 * or for the variable SLOW an answer after 6 s.
 */
async function silentAri(): Promise<{ url: string; upgrades: () => number; close: () => Promise<void> }> {
  let upgrades = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server = createHttpServer((req, res) => {
    const basePath = `http://${req.headers.host}/ari`;
    const docs: Record<string, unknown> = {
      '/ari/api-docs/resources.json': {
        apiVersion: '2.0.0',
        swaggerVersion: '1.1',
        basePath,
        apis: [{ path: '/api-docs/events.{format}' }, { path: '/api-docs/channels.{format}' }],
      },
      '/ari/api-docs/events.json': { apiVersion: '2.0.0', swaggerVersion: '1.2', basePath, resourcePath: '/api-docs/events.{format}', apis: [], models: {} },
      '/ari/api-docs/channels.json': {
        apiVersion: '2.0.0',
        swaggerVersion: '1.2',
        basePath,
        resourcePath: '/api-docs/channels.{format}',
        apis: [
          {
            path: '/channels/{channelId}/variable',
            operations: [
              {
                httpMethod: 'POST',
                nickname: 'setChannelVar',
                responseClass: 'void',
                parameters: [
                  { name: 'channelId', paramType: 'path', required: true, allowMultiple: false, dataType: 'string' },
                  { name: 'variable', paramType: 'query', required: true, allowMultiple: false, dataType: 'string' },
                  { name: 'value', paramType: 'query', required: false, allowMultiple: false, dataType: 'string' },
                ],
              },
            ],
          },
        ],
        models: {},
      },
    };
    if (req.url?.startsWith('/ari/channels/')) {
      // `variable=SLOW` is answered after 6 s (Node's global agent timed such sockets out at 5 s); anything else gets no answer.
      if (req.url.includes('variable=SLOW')) setTimeout(() => res.writeHead(204).end(), 6000);
      else req.socket.destroy();
      return;
    }
    const doc = docs[req.url?.split('?')[0] ?? ''];
    if (doc) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(doc));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  server.on('upgrade', (_req, socket) => {
    upgrades++;
    sockets.add(socket as import('node:net').Socket);
  });
  server.keepAliveTimeout = 60_000; // as Asterisk's session_keep_alive (asterisk/conf/http.conf): the client closes idle connections first
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/ari`,
    upgrades: () => upgrades,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('AriClientAdapter with an Asterisk that never answers the WebSocket upgrade', () => {
  it('warns and opens the event socket again instead of waiting for ever', async () => {
    const ari = await silentAri();
    const logger = new MemoryLogger();
    const adapter = new AriClientAdapter({ url: ari.url, user: 'u', password: 'p', app: 'wedged-test', logger, pingIntervalMs: 20, openTimeoutMs: 100 });
    const connecting = adapter.connect().catch((error: unknown) => error);
    try {
      await expect.poll(() => ari.upgrades(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      expect(logger.lines.map((line) => line.message)).toContain('ARI event socket: Asterisk did not answer the WebSocket upgrade, opening it again');
      expect(adapter.state).toBe('disconnected');
    } finally {
      await adapter.close();
      await ari.close();
    }
    expect(await connecting).toBeInstanceOf(Error);
  });

  it('fails a request whose connection closes without an answer, at once (swagger-client dropped it, patches/)', async () => {
    // Far beyond the test's own timeout: only the patched error path can end the request.
    await withRestOnly('reset-test', { requestTimeoutMs: 3_600_000 }, async (adapter) => {
      const error = await adapter.setChannelVar('c1', 'X', '1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AriRequestError);
      expect((error as Error).message).toMatch(/^ARI setChannelVar failed: no answer: socket hang up/);
    });
  });

  it('waits for a request that takes Asterisk longer than 5 s (a command queued behind a prompt)', { timeout: 30_000 }, async () => {
    await withRestOnly('slow-test', {}, async (adapter) => {
      const outcome = await adapter.setChannelVar('c1', 'SLOW', '1').then(() => 'answered', (error: Error) => error.message);
      expect(outcome).toBe('answered');
    });
  });
});

/** Runs `fn` with an adapter whose REST API is loaded from a silentAri (its event socket never opens), then closes both. */
async function withRestOnly(app: string, options: Partial<AriClientAdapterOptions>, fn: (adapter: AriClientAdapter) => Promise<void>): Promise<void> {
  const ari = await silentAri();
  const adapter = new AriClientAdapter({ url: ari.url, user: 'u', password: 'p', app, logger: new MemoryLogger(), openTimeoutMs: 60_000, ...options });
  const connecting = adapter.connect().catch((error: unknown) => error);
  try {
    await expect.poll(() => ari.upgrades(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1); // the REST API is loaded
    await fn(adapter);
  } finally {
    await adapter.close();
    await ari.close();
  }
  await connecting;
}
