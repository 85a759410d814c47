import { randomBytes } from 'node:crypto';
import { renderTableRemoval } from './nft-script.js';
import { nftCli, nftJson } from './nft.js';

/**
 * The kernel tables of test servers (apps/server/src/testing.ts) and what the tests and the bench
 * read from them. A test server never shares the product's table (`stumpfworks_voip`) nor another
 * test server's: its name carries the process id (to find the tables a killed run left) and a
 * random part (vitest workers may share a process).
 */
const TEST_TABLE = /^swf_test_(\d+)_[0-9a-f]+$/;

/** A fresh table name for one test server. */
export function testTableName(): string {
  return `swf_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Removes the table if it is there (our script only ever names a table of KERNEL_TABLE_PATTERN). */
export async function removeKernelTable(table: string): Promise<void> {
  await nftCli()(renderTableRemoval(table));
}

/** The names of the inet tables, or undefined where nft cannot list them (not installed, no root): then no test server made one. */
async function inetTables(): Promise<string[] | undefined> {
  let list: Array<Record<string, unknown>>;
  try {
    list = await nftJson(['list', 'tables']);
  } catch (error) {
    // Without nft or the right to use it, the servers here cannot have made a table either.
    if (/not installed|Operation not permitted/.test((error as Error).message)) return undefined;
    throw error;
  }
  return list.flatMap((entry) => {
    const table = entry.table as { family?: string; name?: string } | undefined;
    return table?.family === 'inet' && table.name ? [table.name] : [];
  });
}

/** Whether a process with this id runs (EPERM: it does, as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the tables of test servers whose process is gone (a killed test run or bench); the names removed. */
export async function removeStaleTestTables(): Promise<string[]> {
  const stale = ((await inetTables()) ?? []).filter((name) => {
    const pid = Number(TEST_TABLE.exec(name)?.[1] ?? NaN);
    return Number.isInteger(pid) && pid !== process.pid && !running(pid);
  });
  for (const name of stale) await removeKernelTable(name);
  return stale;
}

/** What the kernel holds in a table of ours: the banned addresses with their seconds left, and the packets its drop has counted (counter `dropped`). */
export interface KernelTableView {
  banned: Map<string, number>;
  dropped: number;
}

/** Reads a table of ours (`nft -j list table inet <table>`); undefined when it is not there. */
export async function readKernelTable(table: string): Promise<KernelTableView | undefined> {
  if (!(await inetTables())?.includes(table)) return undefined;
  const entries = await nftJson(['list', 'table', 'inet', table]);
  const banned = new Map<string, number>();
  let dropped = 0;
  for (const entry of entries) {
    const set = entry.set as { elem?: Array<{ elem?: { val: string; expires?: number } } | string> } | undefined;
    for (const element of set?.elem ?? []) {
      if (typeof element === 'string') banned.set(element, Infinity);
      else if (element.elem) banned.set(element.elem.val, element.elem.expires ?? Infinity);
    }
    const counter = entry.counter as { name?: string; packets?: number } | undefined;
    if (counter?.name === 'dropped') dropped = counter.packets ?? 0;
  }
  return { banned, dropped };
}
