import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.js';
import type { Insertable } from 'kysely';
import type { Database, VoicemailMailTable } from '../../db/tables.js';
import { must, startTestServer, type TestServer } from '../../testing.js';

const ID = {
  waiting: '00000000-0000-4000-8000-000000000001',
  retrying: '00000000-0000-4000-8000-000000000002',
  failed: '00000000-0000-4000-8000-000000000003',
  sent: '00000000-0000-4000-8000-000000000004',
  skipped: '00000000-0000-4000-8000-000000000005',
};

/** A real server without Asterisk (no mailer runs): the outbox rows are written into its database as the mailer leaves them. */
describe('/voicemail-mail/outbox', () => {
  let t: TestServer;
  let db: Kysely<Database>;
  const row = (id: string, mailbox: string, fields: Partial<Insertable<VoicemailMailTable>>): Insertable<VoicemailMailTable> => ({
    id,
    context: 'default',
    mailbox,
    msg_id: `1796625612-${mailbox}`,
    received_at: '2026-12-07T08:00:00.000Z',
    state: 'pending' as const,
    attempts: 0,
    next_attempt_at: null,
    last_attempt_at: null,
    last_error: null,
    sent_at: null,
    ...fields,
  });

  beforeAll(async () => {
    t = await startTestServer();
    db = openDatabase(t.dataDir);
    await db
      .insertInto('voicemail_mails')
      .values([
        row(ID.waiting, '2001', { next_attempt_at: '2026-12-07T08:00:00.000Z' }),
        row(ID.retrying, '2002', { attempts: 3, last_attempt_at: '2026-12-07T08:04:00.000Z', next_attempt_at: '2026-12-07T08:08:00.000Z', last_error: '451 4.3.0 not now' }),
        row(ID.failed, '2003', { state: 'failed', attempts: 60, last_attempt_at: '2026-12-07T08:06:00.000Z', last_error: '535 wrong password' }),
        row(ID.sent, '2004', { state: 'sent', attempts: 1, last_attempt_at: '2026-12-07T08:01:00.000Z', sent_at: '2026-12-07T08:01:00.000Z' }),
        row(ID.skipped, '2005', { state: 'skipped', last_error: 'box 2005@default has no email address (any more)' }),
      ])
      .execute();
  });
  afterAll(async () => {
    await db?.destroy();
    await t?.stop();
  });

  it('lists waiting, retrying (last error, next try), failed and ended mails', async () => {
    const { mails } = await t.ok<{ mails: Array<Record<string, unknown>> }>('/voicemail-mail/outbox');
    const byId = Object.fromEntries(mails.map((m) => [m.id, m]));
    expect(byId[ID.waiting]).toMatchObject({ status: 'waiting', mailbox: '2001', attempts: 0 });
    expect(byId[ID.retrying]).toMatchObject({ status: 'retrying', attempts: 3, lastError: '451 4.3.0 not now', nextAttemptAt: '2026-12-07T08:08:00.000Z' });
    expect(byId[ID.failed]).toMatchObject({ status: 'failed', lastError: '535 wrong password' });
    expect(byId[ID.failed]).not.toHaveProperty('nextAttemptAt');
    expect(byId[ID.sent]).toMatchObject({ status: 'sent', sentAt: '2026-12-07T08:01:00.000Z' });
    expect(byId[ID.skipped]).toMatchObject({ status: 'skipped' });
    // Pending first, then the ended ones.
    expect(mails.slice(0, 2).map((m) => m.status).sort()).toEqual(['retrying', 'waiting']);
  });

  it('retries a failed mail now with a fresh round of attempts, and discards a retrying one', async () => {
    const retried = await t.ok<{ status: string; attempts: number; nextAttemptAt: string }>(`/voicemail-mail/outbox/${ID.failed}/retry`, { method: 'POST' });
    expect(retried).toMatchObject({ status: 'waiting', attempts: 0, lastError: '535 wrong password' });
    expect(Math.abs(Date.parse(retried.nextAttemptAt) - Date.now())).toBeLessThan(60_000);
    const discarded = await t.ok<{ status: string }>(`/voicemail-mail/outbox/${ID.retrying}/discard`, { method: 'POST' });
    expect(discarded).toMatchObject({ status: 'discarded', lastError: '451 4.3.0 not now' });
    expect(discarded).not.toHaveProperty('nextAttemptAt');
    const audit = await t.ok<{ entries: Array<{ action: string }> }>('/audit');
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining([expect.stringMatching(/outbox/)]));
  });

  it('answers 409 for a mail that ended, 404 for an unknown one and 422 for no id, in the caller\'s language', async () => {
    for (const id of [ID.sent, ID.skipped, ID.retrying]) {
      const refused = await t.api(`/voicemail-mail/outbox/${id}/retry`, { method: 'POST', headers: { 'accept-language': 'de' } });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/^Die Mail ist schon erledigt/);
    }
    expect((await t.api(`/voicemail-mail/outbox/${ID.sent}/discard`, { method: 'POST' })).status).toBe(409);
    const unknown = await t.api('/voicemail-mail/outbox/00000000-0000-4000-8000-0000000000ff/discard', { method: 'POST' });
    expect(unknown.status).toBe(404);
    const bad = await t.api('/voicemail-mail/outbox/not-an-id/retry', { method: 'POST' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path)).toEqual(['id']);
  });

  it('is the admin\'s: an operator gets 403', async () => {
    const { token } = await must<{ token: string }>(t.api('/tokens', { method: 'POST', json: { name: 'desk', role: 'operator' } }), 'an operator token', 201);
    const asOperator = await fetch(`${t.server.url}/api/v1/voicemail-mail/outbox`, { headers: { authorization: `Bearer ${token}` } });
    expect(asOperator.status).toBe(403);
  });
});
