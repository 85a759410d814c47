import { z } from '@hono/zod-openapi';

const Party = z.object({ number: z.string(), name: z.string() });

export const LiveCallSchema = z
  .object({
    id: z.string().openapi({ description: "Asterisk's LINKEDID (the call_history id)" }),
    channel: z.string().openapi({ description: "The caller's channel id: what POST /calls/{channel}/hangup and /transfer take" }),
    channelName: z.string(),
    caller: Party,
    other: Party.openapi({ description: "The other side: the caller's connected line once known, else the number dialled" }),
    state: z.enum(['ringing', 'up', 'queue', 'ivr', 'hold']),
    startedAt: z.number().openapi({ description: "When the caller's channel was made (epoch ms)" }),
    node: z.object({ flowId: z.string(), flowVersion: z.number(), nodeId: z.string() }).optional(),
    queue: z.string().optional(),
    channels: z.number(),
  })
  .openapi('LiveCall');

export const LiveEndpointsSchema = z
  .object({
    extensions: z.array(z.object({ id: z.string(), state: z.string() })),
    trunks: z.array(z.object({ id: z.string(), state: z.string(), registration: z.string().optional() })),
  })
  .openapi('LiveEndpoints');

export const LiveSnapshotSchema = z
  .object({ now: z.number().openapi({ description: "The server's clock (epoch ms) when the snapshot was taken" }), connected: z.boolean(), calls: z.array(LiveCallSchema), endpoints: LiveEndpointsSchema })
  .openapi('LiveSnapshot');
