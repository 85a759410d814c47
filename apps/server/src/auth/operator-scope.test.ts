import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, startTestServer, type TestServer } from '../testing.js';
import { scopedMailboxes, scopedQueues } from './operator-scope.js';
import type { Actor } from './roles.js';
import { logIn, type SessionClient } from './session-client.js';

const PASSWORD = 'operator-password-1';

/** A user with their own password (the one-time one changed), logged in. */
async function person(t: TestServer, username: string, role: string): Promise<{ id: string; client: SessionClient }> {
  const user = await t.ok<{ id: string }>('/users', { method: 'POST', json: { username, role, password: 'one-time-pass-1' } }, 201);
  const first = await logIn(t, username, 'one-time-pass-1');
  await must(first.api('/auth/password', { method: 'PUT', json: { currentPassword: 'one-time-pass-1', newPassword: PASSWORD } }), 'set own password');
  return { id: user.id, client: await logIn(t, username, PASSWORD) };
}

describe('operators see the queues and mailboxes they are given (real server)', () => {
  let t: TestServer;
  let anna: { id: string; client: SessionClient };
  beforeAll(async () => {
    t = await startTestServer();
    await t.ok('/extensions', { method: 'POST', json: { id: '1000', name: 'Anna', voicemail: { enabled: true, pin: '1234' } } }, 201);
    await t.ok('/extensions', { method: 'POST', json: { id: '1001', name: 'Ben', voicemail: { enabled: true, pin: '1234' } } }, 201);
    await t.ok('/extensions', { method: 'POST', json: { id: '1002', name: 'Carl' } }, 201);
    for (const id of ['sales', 'support']) await t.ok('/queues', { method: 'POST', json: { id, name: id, members: ['1000'] } }, 201);
    anna = await person(t, 'anna', 'operator');
  });
  afterAll(() => t.stop());

  it('an operator with no assignment sees no queue and is refused one by name, in both languages', async () => {
    expect(await must(anna.client.api('/queues'), 'list')).toEqual([]);
    const en = await anna.client.api('/queues/sales');
    expect(en.status).toBe(403);
    expect(await en.json()).toMatchObject({ error: { code: 'forbidden', message: 'queue "sales" is not assigned to you (an admin assigns it on the users page)' } });
    const de = await anna.client.api('/queues/sales', { headers: { 'accept-language': 'de' } });
    expect((await de.json()).error.message).toBe('Die Warteschlange „sales“ ist Ihnen nicht zugewiesen (ein Admin weist sie unter Benutzer zu)');
  });

  it('the admin assigns queues and mailboxes; the operator then sees exactly those', async () => {
    const stored = await t.ok(`/users/${anna.id}/assignment`, { method: 'PUT', json: { queues: ['support', 'support'], mailboxes: ['1001'] } });
    expect(stored).toEqual({ queues: ['support'], mailboxes: ['1001'] });
    expect(await t.ok(`/users/${anna.id}/assignment`)).toEqual({ queues: ['support'], mailboxes: ['1001'] });
    const list = await must<Array<{ id: string }>>(anna.client.api('/queues'), 'list');
    expect(list.map((q) => q.id)).toEqual(['support']);
    expect((await anna.client.api('/queues/support')).status).toBe(200);
    expect((await anna.client.api('/queues/sales')).status).toBe(403);
    // The admin is not limited.
    expect((await t.ok<unknown[]>('/queues')).length).toBe(2);
  });

  it('refuses a queue that does not exist and a mailbox that is no extension with voicemail, with paths', async () => {
    const response = await t.api(`/users/${anna.id}/assignment`, { method: 'PUT', json: { queues: ['support', 'nope'], mailboxes: ['1002', '1999'] } });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(['queues[1]', 'mailboxes[0]', 'mailboxes[1]']);
    expect(body.error.issues[1].message).toBe('extension "1002" has no voicemail box');
    expect(await t.ok(`/users/${anna.id}/assignment`)).toEqual({ queues: ['support'], mailboxes: ['1001'] }); // unchanged
  });

  it('only an admin reads or changes an assignment', async () => {
    expect((await anna.client.api(`/users/${anna.id}/assignment`)).status).toBe(403);
    expect((await anna.client.api(`/users/${anna.id}/assignment`, { method: 'PUT', json: { queues: ['sales'], mailboxes: [] } })).status).toBe(403);
    expect((await t.api('/users/nobody/assignment')).status).toBe(404);
  });

  it('scopedMailboxes: an operator gets their mailboxes while they have voicemail; an editor every mailbox; an operator token none', async () => {
    const actor = (role: Actor['role'], userId?: string): Actor => ({ kind: userId ? 'user' : 'token', name: 'x', role, address: '127.0.0.1', ...(userId ? { userId } : {}) });
    const ids = async (a: Actor) => {
      const scope = await scopedMailboxes(t.server.db, a);
      return scope.all ? 'all' : [...scope.ids].sort();
    };
    expect(await ids(actor('operator', anna.id))).toEqual(['1001']);
    expect(await ids(actor('editor'))).toEqual(['1000', '1001']);
    expect(await ids(actor('operator'))).toEqual([]);
    expect(await scopedQueues(t.server.db, actor('admin'))).toEqual({ all: true });
    // Voicemail turned off: the box leaves the operator's scope although the row stays.
    await t.ok('/extensions/1001', { method: 'PUT', json: { id: '1001', name: 'Ben' } });
    expect(await ids(actor('operator', anna.id))).toEqual([]);
  });

  it('an operator token (no account) is given no queue', async () => {
    const created = await t.ok<{ token: string }>('/tokens', { method: 'POST', json: { name: 'wallboard', role: 'operator' } }, 201);
    const list = await fetch(`${t.server.url}/api/v1/queues`, { headers: { authorization: `Bearer ${created.token}` } });
    expect(await list.json()).toEqual([]);
  });

  it('the assignment goes with its user', async () => {
    const ben = await person(t, 'ben', 'operator');
    await t.ok(`/users/${ben.id}/assignment`, { method: 'PUT', json: { queues: ['sales'], mailboxes: [] } });
    await t.ok(`/users/${ben.id}`, { method: 'DELETE' }, 204);
    const rows = await t.server.db.selectFrom('operator_scopes').selectAll().where('user_id', '=', ben.id).execute();
    expect(rows).toEqual([]);
  });
  it('a deleted queue or extension takes its assignment along: one made again under the name is not given', async () => {
    const cleo = await person(t, 'cleo', 'operator');
    await t.ok('/extensions', { method: 'POST', json: { id: '1003', name: 'Dora', voicemail: { enabled: true, pin: '1234' } } }, 201);
    await t.ok('/queues', { method: 'POST', json: { id: 'billing', name: 'billing', members: ['1000'] } }, 201);
    await t.ok(`/users/${cleo.id}/assignment`, { method: 'PUT', json: { queues: ['billing'], mailboxes: ['1003'] } });
    await t.ok('/queues/billing', { method: 'DELETE' }, 204);
    await t.ok('/extensions/1003', { method: 'DELETE' }, 204);
    expect(await t.ok(`/users/${cleo.id}/assignment`)).toEqual({ queues: [], mailboxes: [] });
    await t.ok('/queues', { method: 'POST', json: { id: 'billing', name: 'billing', members: ['1000'] } }, 201);
    await t.ok('/extensions', { method: 'POST', json: { id: '1003', name: 'Emil', voicemail: { enabled: true, pin: '1234' } } }, 201);
    expect((await cleo.client.api('/queues/billing')).status).toBe(403);
    expect(await must(cleo.client.api('/queues'), 'list')).toEqual([]);
  });
});
