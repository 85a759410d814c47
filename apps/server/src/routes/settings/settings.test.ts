import { z } from '@hono/zod-openapi';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../db/database.js';
import { languageMiddleware } from '../../http/language.js';
import { AppError, errorBody } from '../../errors.js';
import type { SettingsSection } from '../../settings/index.js';
import { settingsRouter } from './settings.index.js';

const sample: SettingsSection = {
  id: 'sample',
  label: { de: 'Beispiel', en: 'Sample' },
  schema: z.object({ limit: z.number().int().min(1).max(9).default(3), names: z.array(z.string()).default([]) }),
};

describe('/settings/<section> (real SQLite)', () => {
  let dir: string;
  let request: (path: string, init?: RequestInit) => Promise<Response>;
  let db: ReturnType<typeof openDatabase>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swf-settings-'));
    db = openDatabase(dir);
    await migrateToLatest(db);
    const router = settingsRouter({ db }, [sample]);
    router.use('*', languageMiddleware());
    router.onError((error, c) => (error instanceof AppError ? c.json(errorBody(error), error.status) : c.json({ error: String(error) }, 500)));
    request = async (path, init) => router.request(path, init);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the defaults until a section is saved, then what was saved', async () => {
    expect(await (await request('/settings/sample')).json()).toEqual({ limit: 3, names: [] });
    const saved = await request('/settings/sample', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ names: ['a'] }) });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ limit: 3, names: ['a'] });
    expect(await (await request('/settings/sample')).json()).toEqual({ limit: 3, names: ['a'] });
  });

  it('refuses an invalid section with field paths and keeps the old one', async () => {
    const refused = await request('/settings/sample', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ limit: 12 }) });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: { issues: [{ path: 'limit' }] } });
    expect(await (await request('/settings/sample')).json()).toEqual({ limit: 3, names: [] });
  });
});
