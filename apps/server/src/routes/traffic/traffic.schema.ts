import { z } from '@hono/zod-openapi';

export const TrafficParams = z.object({
  id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }),
});

export const TrafficQuery = z.object({
  /** The window: the last `minutes` minutes up to now. */
  minutes: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  /** How many of the latest visits to list. */
  last: z.coerce.number().int().min(0).max(500).default(50),
});

export const NodeVisitSchema = z
  .object({
    nodeId: z.string(),
    callId: z.string(),
    time: z.string(),
    flowVersion: z.number(),
    engine: z.enum(['ari', 'dialplan']),
    digits: z.string().optional(),
  })
  .openapi('NodeVisit');

export const TrafficSchema = z
  .object({
    flowId: z.string(),
    from: z.string(),
    to: z.string(),
    /** Distinct calls that visited the flow in the window. */
    calls: z.number(),
    /** Per node: visits and distinct calls in the window, most visited first. */
    nodes: z.array(z.object({ nodeId: z.string(), visits: z.number(), calls: z.number() })),
    /** The latest visits (up to `last`), newest first. */
    last: z.array(NodeVisitSchema),
  })
  .openapi('Traffic');
