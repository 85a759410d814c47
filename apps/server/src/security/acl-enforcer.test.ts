import { describe, expect, it } from 'vitest';
import type { ConfFiles } from '../publish/conf-files.js';
import { aclEnforcer } from './acl-enforcer.js';
import { BANS_FILE, renderBans } from './bans-file.js';

/** Bans of `addresses` (the ACL does not look at their end). */
const banned = (...addresses: string[]) => addresses.map((address) => ({ address, until: Number.MAX_SAFE_INTEGER }));

/** The generated-files dir in memory. */
function memoryFiles(initial: Record<string, string> = {}): ConfFiles & { files: Record<string, string> } {
  const files = { ...initial };
  return { files, read: (name) => files[name] ?? '', write: (name, text) => void (files[name] = text) };
}

/** A reload that waits until the test lets it finish (or fail), recording what was on disk when it began. */
function heldReloads(files: { files: Record<string, string> }) {
  const started: string[] = [];
  const waiting: Array<(error?: Error) => void> = [];
  return {
    started,
    reload: () =>
      new Promise<void>((resolve, reject) => {
        started.push(files.files[BANS_FILE] ?? '');
        waiting.push((error) => (error ? reject(error) : resolve()));
      }),
    finish: (error?: Error) => waiting.shift()!(error),
    settle: () => new Promise((r) => setImmediate(r)),
  };
}

describe('aclEnforcer', () => {
  it('writes the file and reloads only when the bans change', async () => {
    const files = memoryFiles();
    let reloads = 0;
    const enforcer = aclEnforcer({ files, reload: async () => void reloads++ });
    expect(await enforcer.apply(banned('203.0.113.7'))).toBe(true);
    expect(files.files[BANS_FILE]).toBe(renderBans(['203.0.113.7']));
    expect(await enforcer.apply(banned('203.0.113.7'))).toBe(true);
    expect(reloads).toBe(1);
    expect([...enforcer.live()]).toEqual(['203.0.113.7']);
  });

  it('trusts a file that already says the same at start (Asterisk read it), and reloads one that differs', async () => {
    const same = memoryFiles({ [BANS_FILE]: renderBans(['203.0.113.7']) });
    let reloads = 0;
    expect(await aclEnforcer({ files: same, reload: async () => void reloads++ }).apply(banned('203.0.113.7'))).toBe(true);
    expect(reloads).toBe(0);
    const stale = memoryFiles({ [BANS_FILE]: renderBans(['198.51.100.1']) });
    expect(await aclEnforcer({ files: stale, reload: async () => void reloads++ }).apply(banned())).toBe(true);
    expect([reloads, stale.files[BANS_FILE]]).toEqual([1, renderBans([])]);
  });

  it('merges the changes asked for during a reload into one next reload of the latest set', async () => {
    const files = memoryFiles();
    const held = heldReloads(files);
    const enforcer = aclEnforcer({ files, reload: held.reload });
    const first = enforcer.apply(banned('192.0.2.1'));
    await held.settle();
    const second = enforcer.apply(banned('192.0.2.1', '192.0.2.2'));
    const third = enforcer.apply(banned('192.0.2.1', '192.0.2.2', '192.0.2.3'));
    expect(held.started).toHaveLength(1);
    held.finish();
    expect(await first).toBe(true);
    expect([...enforcer.live()]).toEqual(['192.0.2.1']);
    await held.settle();
    expect(held.started).toEqual([renderBans(['192.0.2.1']), renderBans(['192.0.2.1', '192.0.2.2', '192.0.2.3'])]);
    held.finish();
    expect([await second, await third]).toEqual([true, true]);
    expect(enforcer.live().size).toBe(3);
  });

  it('reports a failed reload, keeps the file, and reloads the same set again on the next apply', async () => {
    const files = memoryFiles();
    const held = heldReloads(files);
    const lines: string[] = [];
    const enforcer = aclEnforcer({ files, reload: held.reload, log: (l) => lines.push(l) });
    const failing = enforcer.apply(banned('192.0.2.9'));
    await held.settle();
    held.finish(new Error('ARI is not reachable'));
    expect(await failing).toBe(false);
    expect(enforcer.live().size).toBe(0);
    expect(files.files[BANS_FILE]).toBe(renderBans(['192.0.2.9']));
    expect(lines.join('\n')).toContain('ARI is not reachable');
    const again = enforcer.apply(banned('192.0.2.9'));
    await held.settle();
    held.finish();
    expect(await again).toBe(true);
    expect([...enforcer.live()]).toEqual(['192.0.2.9']);
    expect(await enforcer.apply(banned('192.0.2.9'))).toBe(true);
    expect(held.started).toHaveLength(2);
  });

  it('refuses to write anything but addresses, and says so', async () => {
    const files = memoryFiles();
    const lines: string[] = [];
    const enforcer = aclEnforcer({ files, reload: async () => undefined, log: (l) => lines.push(l) });
    expect(await enforcer.apply(banned('0.0.0.0/0'))).toBe(false);
    expect(files.files[BANS_FILE]).toBeUndefined();
    expect(lines.join('\n')).toContain('not a normalised IP address');
  });

  it('runs each round through `exclusive` (the reload gate shared with the publish)', async () => {
    const files = memoryFiles();
    const order: string[] = [];
    const enforcer = aclEnforcer({
      files,
      reload: async () => void order.push('reload'),
      exclusive: async (fn) => {
        order.push('enter');
        const result = await fn();
        order.push('leave');
        return result;
      },
    });
    await enforcer.apply(banned('192.0.2.1'));
    expect(order).toEqual(['enter', 'reload', 'leave']);
  });
});
