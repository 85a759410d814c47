import { z } from '@hono/zod-openapi';
import { says } from '../../http/language.js';
import { RecordingPolicySchema } from '../../recordings/recording-policy.js';

export const QUEUE_STRATEGIES = ['ringall', 'rrmemory', 'leastrecent', 'fewestcalls', 'random'] as const;

export const QueueInputSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, says({ de: 'Nur Kleinbuchstaben, Ziffern und -, am Anfang ein Buchstabe', en: 'lower-case letters, digits and -, starting with a letter' })),
    name: z.string().min(1).max(80),
    /** `roundrobin` is accepted as another name for `rrmemory`. */
    strategy: z
      .enum([...QUEUE_STRATEGIES, 'roundrobin'])
      .default('ringall')
      .transform((s) => (s === 'roundrobin' ? 'rrmemory' : s)),
    /** Extension numbers. */
    members: z.array(z.string().regex(/^[0-9]{2,6}$/)).default([]),
    /** `default` (the base class) or the id of an uploaded prompt, looped while callers wait. */
    musicOnHold: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, says({ de: '„default“ oder die Kennung einer Ansage', en: '"default" or a prompt id' })).default('default'),
    announcePosition: z.boolean().default(false),
    announceFrequencySeconds: z.number().int().min(0).max(600).default(60),
    maxWaitSeconds: z.number().int().min(0).max(86400).default(300),
    ringSeconds: z.number().int().min(5).max(120).default(20),
    /** Weighed when a flow's Queue node puts a call in: the queue stands for its agents (who answers is not known before). */
    recording: RecordingPolicySchema,
  })
  .openapi('QueueInput');

export const QueueSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    strategy: z.enum(QUEUE_STRATEGIES),
    members: z.array(z.string()),
    musicOnHold: z.string(),
    announcePosition: z.boolean(),
    announceFrequencySeconds: z.number(),
    maxWaitSeconds: z.number(),
    ringSeconds: z.number(),
    recording: RecordingPolicySchema,
  })
  .openapi('Queue');
export type Queue = z.infer<typeof QueueSchema>;
