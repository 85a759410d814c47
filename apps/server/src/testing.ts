import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from './env.js';
import { removeKernelTable, removeStaleTestTables, testTableName } from './security/test-tables.js';
import { startServer, type RunningServer, type StartOptions } from './server.js';

/** A real server on an ephemeral 127.0.0.1 port with a real SQLite file in a temp DATA_DIR. */
export interface TestServer {
  server: RunningServer;
  dataDir: string;
  token: string;
  /** fetch against the API with the admin token; `path` starts after /api/v1. */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** A setup call through `api`: its JSON, or the test fails unless the status is `status` (any 2xx by default). */
  ok<T = unknown>(path: string, init?: RequestInit & { json?: unknown }, status?: number): Promise<T>;
  /**
   * Stops the server and starts it again on the same DATA_DIR; `whileDown` runs in between. On a new
   * port unless `samePort` (as the restart loop does, for a browser that must find it again): a
   * client's pooled keep-alive socket to the old server can then meet the close ("other side closed").
   */
  restart(whileDown?: () => Promise<void>, options?: { samePort?: boolean }): Promise<void>;
  /** Stops the server for good: removes its temp DATA_DIR and its kernel table (the product keeps its own). */
  stop(): Promise<void>;
}

/** Numbers the test servers of this process, for their own Stasis app names. */
let serial = 0;

/** The kernel tables of killed test runs are removed once per process, before its first test server. */
let staleTablesRemoved: Promise<string[]> | undefined;

/**
 * Starts the server for a test. Without `env` overrides it has NO Asterisk (the state file points
 * nowhere), so nothing can touch a running PBX. With Asterisk, its bans are dropped by the kernel
 * in a table of its own (test-tables.ts) where the process may do so, removed by stop(). Its Stasis
 * apps get a name of their own (ARI_APP `swf-test-<pid>-<n>` unless given), so it never takes the
 * app of a server running on the same Asterisk over, nor is refused because of one.
 */
export async function startTestServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestServer> {
  staleTablesRemoved ??= removeStaleTestTables();
  await staleTablesRemoved;
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'swf-server-'));
  const parsed = parseEnv({
    ASTERISK_STATE_FILE: join(dataDir, 'no-asterisk.json'),
    PORT: '0',
    // HTTPS on as in production, on a free port (RunningServer.httpsUrl).
    HTTPS_PORT: '0',
    HOST: '127.0.0.1',
    KERNEL_BANS_TABLE: testTableName(),
    ARI_APP: `swf-test-${process.pid}-${++serial}`,
    ...env,
    DATA_DIR: dataDir,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  const start = (port?: number) => startServer(port === undefined ? parsed.env : { ...parsed.env, PORT: port }, { log: () => undefined, ...options });
  const handle: TestServer = {
    server: await start(),
    dataDir,
    token: readFileSync(join(dataDir, 'admin-token'), 'utf8').trim(),
    api(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${handle.token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${handle.server.url}/api/v1${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    },
    ok(path, init = {}, status) {
      return must(handle.api(path, init), `${init.method ?? 'GET'} ${path}`, status);
    },
    async restart(whileDown, { samePort = false } = {}) {
      const { port } = handle.server;
      await handle.server.close();
      await whileDown?.();
      handle.server = await start(samePort ? port : undefined);
    },
    async stop() {
      const table = handle.server.security.kernelTable;
      await handle.server.close();
      if (table) await removeKernelTable(table);
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/**
 * A resource's body as stored in the test server's database file. Reads through the API mask
 * secrets, so tests that check a secret was kept look here.
 */
export function storedResource<T>(t: TestServer, kind: string, id: string): T | undefined {
  const db = new Database(join(t.dataDir, 'stumpfworks.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT body FROM resources WHERE kind = ? AND id = ?').get(kind, id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as T) : undefined;
  } finally {
    db.close();
  }
}

/**
 * The answer of a setup call as JSON (undefined for an empty body). Throws, naming the call and
 * what the server said, unless its status is `status` (any 2xx when not given): a setup that
 * failed must fail the test, not make it cover less.
 *
 * @example
 * await must(t.api('/queues', { method: 'POST', json: queue }), 'create the queue', 201);
 */
export async function must<T = unknown>(response: Response | Promise<Response>, what: string, status?: number): Promise<T> {
  const r = await response;
  const text = await r.text();
  if (status === undefined ? !r.ok : r.status !== status) {
    throw new Error(`${what}: HTTP ${r.status}${status === undefined ? '' : ` (expected ${status})`} ${text}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}
