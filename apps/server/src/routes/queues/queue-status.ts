import { createRoute, z } from '@hono/zod-openapi';
import { amiAction, type AmiOptions, type AmiPacket } from '../../asterisk/ami.js';
import { allow } from '../../auth/roles.js';
import { errorResponses, jsonResponse } from '../../http/openapi.js';

/** Live state of the queues, from AMI QueueStatus (QueueParams, QueueMember and QueueEntry events). */

export const QueueLiveSchema = z
  .object({
    id: z.string(),
    /** Callers waiting now, in their order. */
    waiting: z.array(z.object({ position: z.number().int(), channel: z.string(), callerNumber: z.string(), callerName: z.string(), waitSeconds: z.number().int() })),
    members: z.array(z.object({ name: z.string(), inCall: z.boolean(), paused: z.boolean() })),
    completed: z.number().int(),
    abandoned: z.number().int(),
  })
  .openapi('QueueLive');

export const queueStatusRoute = createRoute({
  ...allow('operator'),
  method: 'get',
  path: '/queue-status',
  tags: ['Queues'],
  description: 'Callers waiting and members per queue, live from Asterisk. An operator gets the queues an admin gave them (PUT /users/{id}/assignment).',
  responses: { 200: jsonResponse(z.array(QueueLiveSchema), 'Per queue Asterisk has, by id'), ...errorResponses(503) },
});

export type QueueLive = z.infer<typeof QueueLiveSchema>;

const int = (value: string | undefined) => Number.parseInt(value ?? '0', 10) || 0;

/** The packets of one QueueStatus as one entry per queue. */
export function queuesFromPackets(packets: AmiPacket[]): QueueLive[] {
  const queues = new Map<string, QueueLive>();
  const of = (id: string) => {
    let queue = queues.get(id);
    if (!queue) queues.set(id, (queue = { id, waiting: [], members: [], completed: 0, abandoned: 0 }));
    return queue;
  };
  for (const p of packets) {
    if (!p.Queue) continue;
    if (p.Event === 'QueueParams') Object.assign(of(p.Queue), { completed: int(p.Completed), abandoned: int(p.Abandoned) });
    if (p.Event === 'QueueMember') of(p.Queue).members.push({ name: p.Name ?? p.MemberName ?? '', inCall: p.InCall === '1', paused: p.Paused === '1' });
    if (p.Event === 'QueueEntry') {
      of(p.Queue).waiting.push({ position: int(p.Position), channel: p.Channel ?? '', callerNumber: p.CallerIDNum ?? '', callerName: p.CallerIDName ?? '', waitSeconds: int(p.Wait) });
    }
  }
  for (const queue of queues.values()) queue.waiting.sort((a, b) => a.position - b.position);
  return [...queues.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export async function liveQueues(ami: AmiOptions): Promise<QueueLive[]> {
  return queuesFromPackets(await amiAction(ami, { Action: 'QueueStatus' }));
}

/** Which queue each waiting caller's channel (by name) is in. */
export function waitingChannels(queues: QueueLive[]): Map<string, string> {
  return new Map(queues.flatMap((q) => q.waiting.map((w) => [w.channel, q.id] as const)));
}
