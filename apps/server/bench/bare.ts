/**
 * The baseline for `api_vs_bare_ratio`: the least a Hono + SQLite handler can do to list
 * extensions (one SELECT, JSON out; no auth, no validation, no OpenAPI layer).
 */
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

/** Serves the JSON text `json` at POST /publish, as the publish route answers (its text made beforehand): what sending the answer alone costs. */
export async function startAnswerServer(json: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Hono().post('/publish', (c) => c.body(json, 200, { 'content-type': 'application/json' }));
  return listen(app);
}

export async function startBareServer(rows: Array<{ id: string; body: unknown }>): Promise<{ url: string; close(): Promise<void> }> {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE extensions (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO extensions (id, body) VALUES (?, ?)');
  for (const row of rows) insert.run(row.id, JSON.stringify(row.body));
  const select = db.prepare('SELECT body FROM extensions ORDER BY id');
  const app = new Hono().get('/extensions', (c) =>
    c.json((select.all() as Array<{ body: string }>).map((r) => JSON.parse(r.body) as unknown)),
  );
  return listen(app);
}

function listen(app: Hono): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    );
  });
}
