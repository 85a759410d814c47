/**
 * Operators and their queues on the real local Asterisk: callers wait in two published queues
 * (Queue() from a test context); an operator given one of them sees that queue's caller in
 * /queue-status and /calls, not the other's, and may hang up only their own.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, type SessionClient } from '../../apps/server/src/auth/session-client.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { must, startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { AriClient } from '../support/ari.js';
import { keepGeneratedFiles, serverAsteriskEnv, writeAndReload } from '../support/local-asterisk.js';
import { until } from '../support/until.js';

const availability = await detectAsterisk();

/** Puts the ;2 leg of a Local channel into a queue: `a` and `b` name the two test queues. */
const QUEUE_DIALPLAN = `
[swf-ops-queue]
exten => a,1,Answer()
 same => n,Queue(swf-ops-a,,,,120)
exten => b,1,Answer()
 same => n,Queue(swf-ops-b,,,,120)
`;

interface Live {
  id: string;
  waiting: Array<{ channel: string; callerNumber: string }>;
}

describeWithAsterisk(availability, 'an operator sees and acts on the callers of their own queues', (asterisk) => {
  let t: TestServer;
  let ari: AriClient;
  let operator: SessionClient;
  let restoreFiles: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, 'extensions-test.conf': 'pbx_config.so' });
    t = await startTestServer(serverAsteriskEnv(), { ariRuntime: false });
    await t.ok('/extensions', { method: 'POST', json: { id: '1010', name: 'Agent' } }, 201);
    for (const id of ['swf-ops-a', 'swf-ops-b']) await t.ok('/queues', { method: 'POST', json: { id, name: id, members: ['1010'] } }, 201);
    await t.ok('/publish', { method: 'POST' }, 200);
    await writeAndReload(asterisk, 'extensions-test.conf', QUEUE_DIALPLAN, 'pbx_config.so');
    const user = await t.ok<{ id: string }>('/users', { method: 'POST', json: { username: 'empfang', role: 'operator', password: 'one-time-pass-1' } }, 201);
    const first = await logIn(t, 'empfang', 'one-time-pass-1');
    await must(first.api('/auth/password', { method: 'PUT', json: { currentPassword: 'one-time-pass-1', newPassword: 'empfang-password-1' } }), 'own password');
    operator = await logIn(t, 'empfang', 'empfang-password-1');
    await t.ok(`/users/${user.id}/assignment`, { method: 'PUT', json: { queues: ['swf-ops-a'], mailboxes: [] } });
    ari = await AriClient.connect('swf-ops-queue-test', asterisk);
  });

  afterAll(async () => {
    await ari?.close();
    await t?.stop();
    await restoreFiles?.();
  });

  it('filters /queue-status and /calls, and refuses to hang up a caller of a queue not given (403)', async () => {
    const callers = [];
    for (const queue of ['a', 'b']) {
      callers.push(await ari.originate({ endpoint: `Local/${queue}@swf-ops-queue`, app: ari.app, callerId: `caller-${queue} <49300${queue === 'a' ? 1 : 2}>` }));
    }
    const adminView = await until(
      'both callers waiting',
      () => t.ok<Live[]>('/queue-status'),
      (queues) => queues.filter((q) => q.waiting.length === 1).length === 2,
    );
    expect(adminView.map((q) => q.id)).toEqual(['swf-ops-a', 'swf-ops-b']);
    const waitingB = adminView[1]!.waiting[0]!.channel;
    expect(waitingB).toMatch(/^Local\/b@swf-ops-queue-[0-9a-f]+;2$/);

    const mine = await must<Live[]>(operator.api('/queue-status'), 'operator queue status');
    expect(mine.map((q) => q.id)).toEqual(['swf-ops-a']);
    expect(mine[0]!.waiting).toHaveLength(1);

    const adminCalls = await t.ok<Array<{ id: string; name: string }>>('/calls');
    const operatorCalls = await must<Array<{ id: string; name: string }>>(operator.api('/calls'), 'operator calls');
    expect(adminCalls.some((c) => c.name === waitingB)).toBe(true);
    expect(operatorCalls.some((c) => c.name === waitingB)).toBe(false);
    // The ;1 legs (our Stasis app holds them) are in no queue: the operator sees them.
    expect(operatorCalls.map((c) => c.id)).toEqual(expect.arrayContaining(callers.map((c) => c.id)));
    expect(operatorCalls.length).toBe(adminCalls.length - 1);

    const idB = adminCalls.find((c) => c.name === waitingB)!.id;
    // The second look of /calls (a caller who joined after the queue snapshot): Asterisk itself
    // names the Queue() a channel runs, with the queue first in its data.
    const runs = (await ari.request('GET', `/channels/${encodeURIComponent(idB)}`)) as { dialplan: { app_name: string; app_data: string } };
    expect(runs.dialplan.app_name).toBe('Queue');
    expect(runs.dialplan.app_data.split(',')[0]).toBe('swf-ops-b');
    const refused = await operator.api(`/calls/${encodeURIComponent(idB)}/hangup`, { method: 'POST', headers: { 'accept-language': 'de' } });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toBe('Die Warteschlange „swf-ops-b“ ist Ihnen nicht zugewiesen (ein Admin weist sie unter Benutzer zu)');

    const waitingA = adminView[0]!.waiting[0]!.channel;
    const idA = adminCalls.find((c) => c.name === waitingA)!.id;
    const since = ari.mark();
    expect((await operator.api(`/calls/${encodeURIComponent(idA)}/hangup`, { method: 'POST' })).status).toBe(204);
    await ari.waitFor('ChannelDestroyed', (e) => e.channel.id === idA, { since });
    const after = await until('caller a gone', () => t.ok<Live[]>('/queue-status'), (queues) => queues.find((q) => q.id === 'swf-ops-a')?.waiting.length === 0);
    expect(after.find((q) => q.id === 'swf-ops-b')!.waiting).toHaveLength(1);
    for (const caller of callers) await ari.hangup(caller.id).catch(() => undefined);
  });
});
