import { INTERNAL_CONTEXT, trunkEndpoint } from '@stumpfworks/dialplan';
import type { AppDeps } from '../../http/app-env.js';
import { amiAction, dialplanHas } from '../../asterisk/ami.js';
import { inScope, refuseOutside, scopedQueues } from '../../auth/operator-scope.js';
import type { Actor } from '../../auth/roles.js';
import { AppError } from '../../errors.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import { noSuch } from '../../resources/resource-names.js';
import { getResource, listResources } from '../../resources/resources.repository.js';
import { liveQueues, waitingChannels } from '../queues/queue-status.js';
import * as routes from './calls.routes.js';

interface AriChannel {
  id: string;
  name: string;
  state: string;
  caller: { name: string; number: string };
  connected: { name: string; number: string };
  /** app_name/app_data: what the channel runs now (Asterisk 20+), e.g. `Queue` with `support,c,,,120`. */
  dialplan?: { context: string; exten: string; priority: number; app_name?: string; app_data?: string };
  creationtime: string;
}

interface AriEndpoint {
  state?: string;
  channel_ids?: string[];
}

/** /calls and /status: live state through ARI (and AMI for trunk registrations). */
export function callsRouter({ db, asterisk, live: monitor }: Pick<AppDeps, 'db' | 'asterisk' | 'live'>) {
  const router = createRouter();
  const live = () => {
    if (!asterisk) throw new AppError('asterisk-unavailable', 'no Asterisk connection configured');
    return asterisk;
  };

  /**
   * For an operator: which queue each waiting caller's channel (by name) is in, and the queues they
   * are given; undefined for editors and admins. The queue snapshot (AMI) is taken before the
   * channels (ARI): a caller who enters a queue in between is caught by queueOf's second look.
   */
  const queueLimits = async (actor: Actor) => {
    const scope = await scopedQueues(db, actor);
    return scope.all ? undefined : { scope, waiting: waitingChannels(await liveQueues(live().ami)) };
  };
  /** The queue a channel waits in: by the AMI snapshot, or by the Queue() it runs in the ARI one. */
  const queueOf = (waiting: Map<string, string>, ch: AriChannel): string | undefined =>
    waiting.get(ch.name) ?? (ch.dialplan?.app_name?.toLowerCase() === 'queue' ? ch.dialplan.app_data?.split(',')[0] : undefined);

  router.openapi(routes.list, async (c) => {
    const limits = await queueLimits(c.get('actor'));
    const { status, body } = await live().ari.request('GET', '/channels');
    if (status !== 200) throw new AppError('asterisk-unavailable', `ARI answered ${status}`);
    // An operator does not see the callers waiting in queues they are not given.
    const visible = (body as AriChannel[]).filter((ch) => {
      const queue = limits && queueOf(limits.waiting, ch);
      return !limits || queue === undefined || inScope(limits.scope, queue);
    });
    const calls = visible.map((ch) => ({
      id: ch.id,
      name: ch.name,
      state: ch.state,
      caller: ch.caller,
      connected: ch.connected,
      ...(ch.dialplan ? { dialplan: { context: ch.dialplan.context, exten: ch.dialplan.exten, priority: ch.dialplan.priority } } : {}),
      createdAt: ch.creationtime,
    }));
    return c.json(calls, 200);
  });

  /**
   * Refuses (403) an operator a channel waiting in a queue not given to them, or a channel of a
   * call waiting there (the live monitor's view: the whole LINKEDID, as GET /live hides it).
   */
  const mayTouch = async (actor: Actor, channel: string) => {
    const limits = await queueLimits(actor);
    if (!limits) return;
    const callQueue = monitor?.call(channel)?.queue;
    if (callQueue !== undefined) refuseOutside('queue', callQueue, limits.scope);
    const found = await live().ari.request('GET', `/channels/${encodeURIComponent(channel)}`);
    const queue = found.status === 200 ? queueOf(limits.waiting, found.body as AriChannel) : undefined;
    if (queue !== undefined) refuseOutside('queue', queue, limits.scope);
  };
  const noChannel = (channel: string) => new AppError('not-found', say({ de: `Den Kanal „${channel}“ gibt es nicht`, en: `no channel "${channel}"` }));

  router.openapi(routes.hangup, async (c) => {
    const { channel } = c.req.valid('param');
    await mayTouch(c.get('actor'), channel);
    const { status } = await live().ari.request('DELETE', `/channels/${encodeURIComponent(channel)}`);
    if (status === 404) throw noChannel(channel);
    if (status !== 204) throw new AppError('asterisk-unavailable', `ARI answered ${status}`);
    return c.body(null, 204);
  });

  // AMI Redirect, not BlindTransfer: BlindTransfer moves the party bridged with the given channel
  // and so works only on an answered two-party call; Redirect sends the caller's own channel on
  // from wherever it is (ringing, in the IVR, in a queue, talking), and it leaves any bridge.
  router.openapi(routes.transfer, async (c) => {
    const { channel } = c.req.valid('param');
    const { to } = c.req.valid('json');
    const { ari, ami } = live();
    await mayTouch(c.get('actor'), channel);
    const found = await ari.request('GET', `/channels/${encodeURIComponent(channel)}`);
    if (found.status === 404) throw noChannel(channel);
    if (found.status !== 200) throw new AppError('asterisk-unavailable', `ARI answered ${found.status}`);
    // Where a call dialled from a phone to `to` goes: an extension, a feature code or an outbound route's pattern.
    if (!(await dialplanHas(ami, INTERNAL_CONTEXT, to))) {
      const message = say({ de: `Für ${to} gibt es kein Ziel (keine Nebenstelle und keine Route für ausgehende Anrufe)`, en: `${to} leads nowhere (no extension and no outbound route)` });
      throw new AppError('validation', message, { issues: [{ path: 'to', message }] });
    }
    const name = (found.body as AriChannel).name;
    const [answer] = await amiAction(ami, { Action: 'Redirect', Channel: name, Context: INTERNAL_CONTEXT, Exten: to, Priority: '1' });
    if (answer?.Response !== 'Success') {
      if (/does not exist|not up/i.test(answer?.Message ?? '')) throw noChannel(channel);
      throw new AppError('asterisk-unavailable', `AMI Redirect: ${answer?.Message ?? 'no answer'}`);
    }
    return c.body(null, 204);
  });

  router.openapi(routes.originate, async (c) => {
    const input = c.req.valid('json');
    if (!(await getResource(db, 'extension', input.extension))) throw new AppError('not-found', noSuch('extension', input.extension));
    const { status, body } = await live().ari.request('POST', '/channels', {
      endpoint: `PJSIP/${input.extension}`,
      context: INTERNAL_CONTEXT,
      extension: input.number,
      priority: '1',
      callerId: input.callerId ?? input.number,
      timeout: '30',
    });
    if (status !== 200) {
      const message = (body as { message?: string } | undefined)?.message ?? '';
      const detail = message || status;
      throw new AppError(
        'validation',
        say({ de: `Asterisk konnte die Nebenstelle ${input.extension} nicht anrufen: ${detail}`, en: `Asterisk could not call extension ${input.extension}: ${detail}` }),
        { issues: [{ path: 'extension', message: say({ de: 'Nicht erreichbar (ist das Telefon angemeldet?)', en: 'not reachable (is the phone registered?)' }) }] },
      );
    }
    return c.json({ channelId: (body as { id: string }).id }, 201);
  });

  router.openapi(routes.status, async (c) => {
    const { ari, ami } = live();
    const state = async (name: string) => {
      const { status, body } = await ari.request('GET', `/endpoints/PJSIP/${encodeURIComponent(name)}`);
      const endpoint = status === 200 ? (body as AriEndpoint) : {};
      const channels = endpoint.channel_ids?.length ?? 0;
      return { endpoint: name, state: endpoint.state ?? 'unknown', inUse: channels > 0, channels };
    };
    const registrations = new Map<string, string>();
    const packets = await amiAction(ami, { Action: 'PJSIPShowRegistrationsOutbound' });
    for (const p of packets) if (p.Event === 'OutboundRegistrationDetail' && p.ObjectName) registrations.set(p.ObjectName, p.Status ?? 'unknown');
    const extensions = await Promise.all((await listResources(db, 'extension')).map(async (e) => ({ id: e.id, ...(await state(e.id)) })));
    const trunks = await Promise.all(
      (await listResources(db, 'trunk')).map(async (t) => {
        const registration = registrations.get(trunkEndpoint(t.id));
        return { id: t.id, ...(await state(trunkEndpoint(t.id))), ...(registration ? { registration } : {}) };
      }),
    );
    return c.json({ extensions, trunks }, 200);
  });
  return router;
}
