import { describe, expect, it } from 'vitest';
import { eachBounded } from './bounded.js';

describe('eachBounded', () => {
  it('runs every item, never more than the limit at once, and uses the limit', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const gates: Array<() => void> = [];
    const all = eachBounded([1, 2, 3, 4, 5, 6, 7, 8, 9], 4, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      done.push(n);
    });
    // Release the waiting ones one by one until all nine ended.
    while (done.length < 9) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    await all;
    expect(done.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(4);
  });

  it('finishes the others when one throws, then rejects with its error', async () => {
    const done: number[] = [];
    const run = eachBounded([1, 2, 3], 2, async (n) => {
      if (n === 1) throw new Error('one');
      done.push(n);
    });
    await expect(run).rejects.toThrow('one');
    expect(done).toEqual([2, 3]);
  });

  it('does nothing for no items', async () => {
    await eachBounded([], 4, async () => {
      throw new Error('never');
    });
  });
});
