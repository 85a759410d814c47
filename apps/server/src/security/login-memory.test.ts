import { describe, expect, it } from 'vitest';
import { LoginMemory } from './login-memory.js';

describe('LoginMemory', () => {
  it('knows which accounts an address logged in as, in which dialogs, for a day', () => {
    const memory = new LoginMemory();
    memory.remember('192.0.2.1', '1002', 'call-a', 0);
    memory.remember('192.0.2.1', '1003', 'call-b', 1000);
    expect(memory.accounts('192.0.2.1', 2000)).toEqual(new Set(['1002', '1003']));
    expect([memory.authenticated('192.0.2.1', '1002', 'call-a'), memory.authenticated('192.0.2.1', '1002', 'call-b'), memory.authenticated('192.0.2.9', '1002', 'call-a')]).toEqual([true, false, false]);
    expect(memory.accounts('192.0.2.1', 24 * 3600_000 + 500)).toEqual(new Set(['1003']));
    memory.prune(24 * 3600_000 + 500);
    expect(memory.authenticated('192.0.2.1', '1002', 'call-a')).toBe(false);
  });

  it('stays bounded: the least recently seen dialog, account and address go first', () => {
    const memory = new LoginMemory(2);
    for (let i = 0; i < 10; i++) memory.remember('192.0.2.1', '1002', `call-${i}`, i);
    expect([memory.authenticated('192.0.2.1', '1002', 'call-1'), memory.authenticated('192.0.2.1', '1002', 'call-2'), memory.authenticated('192.0.2.1', '1002', 'call-9')]).toEqual([false, true, true]);
    for (let i = 0; i < 10; i++) memory.remember('192.0.2.1', String(2000 + i), 'c', i);
    expect(memory.accounts('192.0.2.1', 10).size).toBe(8);
    memory.remember('192.0.2.2', '1002', 'c', 20);
    memory.remember('192.0.2.3', '1002', 'c', 21);
    expect(memory.accounts('192.0.2.1', 30).size).toBe(0);
    expect(memory.accounts('192.0.2.3', 30)).toEqual(new Set(['1002']));
  });
});
