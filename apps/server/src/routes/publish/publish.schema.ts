import { z } from '@hono/zod-openapi';

export const PublishResultSchema = z
  .object({
    id: z.string(),
    outcome: z.enum(['applied', 'unchanged']),
    changedFiles: z.array(z.string()),
    reloadedModules: z.array(z.string()),
    flowVersions: z.record(z.string(), z.number()),
    diff: z.record(z.string(), z.string()).openapi({ description: 'Unified diff per changed file; SIP passwords show as ********' }),
  })
  .openapi('PublishResult');

export const PublishPreviewRequestSchema = z
  .object({
    flows: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .openapi({ description: 'Flow documents (drafts) to compile as if they were released; each is checked like a saved flow' }),
  })
  .openapi('PublishPreviewRequest');

export const PublishPreviewSchema = z
  .object({
    changedFiles: z.array(z.string()),
    flowVersions: z.record(z.string(), z.number()).openapi({ description: 'The flow versions the set holds; drafts get the number their release would get' }),
    diff: z.record(z.string(), z.string()).openapi({ description: 'Unified diff per changed file against the live files; SIP passwords show as ********' }),
  })
  .openapi('PublishPreview');

export const PublishRecordSchema = z
  .object({
    id: z.string(),
    seq: z.number(),
    actor: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    flowVersions: z.record(z.string(), z.number()),
    changedFiles: z.array(z.string()),
    outcome: z
      .enum(['pending', 'applied', 'unchanged', 'rejected', 'rolled-back'])
      .openapi({ description: '`pending` while Asterisk reloads; left pending only when the server stopped during the publish' }),
    reason: z.string().nullable(),
    diff: z.record(z.string(), z.string()),
  })
  .openapi('PublishRecord');

export const PublishIdParams = z.object({ id: z.string().min(1).openapi({ param: { name: 'id', in: 'path' } }) });
