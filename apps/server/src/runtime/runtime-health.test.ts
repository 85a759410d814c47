import { describe, expect, it } from 'vitest';
import { runtimeHealth } from './runtime-health.js';

const since = '2026-12-07T03:00:00.000Z';

describe('runtimeHealth', () => {
  it('is connected only when Asterisk has every app registered to us', () => {
    expect(
      runtimeHealth([
        { role: 'flows', status: { app: 'swf', state: 'registered', since } },
        { role: 'visits', status: { app: 'swf-visits', state: 'registered', since, checkedAt: since } },
      ]),
    ).toEqual({
      state: 'connected',
      apps: [
        { name: 'swf', role: 'flows', state: 'registered', registered: true, since },
        { name: 'swf-visits', role: 'visits', state: 'registered', registered: true, since, checkedAt: since },
      ],
    });
  });

  it('names the worst app state: a takeover before a missing app before connecting', () => {
    const of = (flows: 'registered' | 'replaced' | 'missing' | 'connecting', visits: typeof flows) =>
      runtimeHealth([
        { role: 'flows', status: { app: 'swf', state: flows, since } },
        { role: 'visits', status: { app: 'swf-visits', state: visits, since } },
      ]).state;
    expect(of('registered', 'replaced')).toBe('replaced');
    expect(of('missing', 'connecting')).toBe('missing');
    expect(of('connecting', 'registered')).toBe('connecting');
    expect(of('replaced', 'missing')).toBe('replaced');
  });
});
