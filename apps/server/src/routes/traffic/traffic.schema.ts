import { z } from '@hono/zod-openapi';
import { say, says } from '../../http/language.js';

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

const isoTime = z
  .string()
  .max(40)
  .refine((text) => !Number.isNaN(Date.parse(text)), says({ de: 'Eine Zeit im ISO-Format (z. B. 2026-12-08T09:00:00Z)', en: 'a time in ISO format (e.g. 2026-12-08T09:00:00Z)' }))
  .transform((text) => new Date(text).toISOString());

export const CanvasTrafficQuery = z
  .object({
    version: z.coerce.number().int().min(1).optional().openapi({ description: 'The flow version whose visits count (default: the live one)' }),
    from: isoTime.optional().openapi({ description: 'From this time (ISO, inclusive); default `minutes` before `to`' }),
    to: isoTime.optional().openapi({ description: 'Up to this time (ISO, exclusive); default now' }),
    minutes: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60).openapi({ description: 'The window without `from`: the last `minutes` up to `to`' }),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from >= q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: say({ de: 'muss vor „to“ liegen', en: 'must be before `to`' }) });
  });

export const CanvasTrafficSchema = z
  .object({
    flowId: z.string(),
    /** The version counted, the live one (null before the first publish), and the flow's versions, newest first. */
    version: z.number(),
    liveVersion: z.number().nullable(),
    versions: z.array(z.number()),
    /** The oldest visit still stored (visits are kept 7 days, at most 200,000): a range before it counts nothing. */
    keptSince: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    /** Calls that entered the flow in the range. */
    calls: z.number(),
    /** Whether the live calls could be asked (Asterisk answered): when not, `active` is 0 and calls still up count as ended. */
    activeKnown: z.boolean(),
    nodes: z.array(z.object({ nodeId: z.string(), visits: z.number(), calls: z.number(), ended: z.number(), active: z.number() })),
    edges: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        outputs: z.array(z.string()),
        steps: z.number(),
        share: z.number(),
        keys: z.record(z.string(), z.number()),
      }),
    ),
  })
  .openapi('CanvasTraffic');
