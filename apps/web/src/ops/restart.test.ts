import { describe, expect, it } from 'vitest';
import { startedAt, waitForRestart } from './restart.js';

describe('waiting for the restarted server', () => {
  it('is done when /health names another start, not while it is down or still the old one', async () => {
    const answers = ['old', undefined, undefined, 'old', 'new'];
    let asked = 0;
    const done = await waitForRestart('old', async () => answers[asked++], async () => undefined);
    expect(done).toBe(true);
    expect(asked).toBe(5);
  });

  it('gives up after its bounded number of asks', async () => {
    let asked = 0;
    expect(await waitForRestart('old', async () => (asked++, 'old'), async () => undefined)).toBe(false);
    expect(asked).toBe(240);
  });

  it('reads startedAt, and a refused connection or an error answer as "not back yet"', async () => {
    expect(await startedAt(async () => new Response(JSON.stringify({ status: 'ok', startedAt: '2026-12-07T06:00:00.000Z' })))).toBe('2026-12-07T06:00:00.000Z');
    expect(await startedAt(async () => new Response('', { status: 502 }))).toBeUndefined();
    expect(await startedAt(() => Promise.reject(new TypeError('fetch failed')))).toBeUndefined();
  });
});
