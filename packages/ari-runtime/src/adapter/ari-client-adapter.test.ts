import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../logger.js';
import { AriClientAdapter } from './ari-client-adapter.js';

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('AriClientAdapter', () => {
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
