import { z } from '@hono/zod-openapi';

/** A flow document; its shape is checked by parseFlow (packages/flow), which gives readable paths. */
export const FlowDocumentSchema = z
  .record(z.string(), z.unknown())
  .openapi('FlowDocument', { description: 'A flow document (schemaVersion, id, name, nodes, edges); see packages/flow' });

export const DiagnosticSchema = z
  .object({
    code: z.string(),
    severity: z.enum(['error', 'warning']),
    nodeId: z.string().optional(),
    output: z.string().optional(),
    message: z.object({ de: z.string(), en: z.string() }),
  })
  .openapi('Diagnostic');

export const FlowSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    publishedVersion: z.number().nullable(),
    updatedAt: z.string(),
    revision: z.number().int().openapi({ description: 'Counts every write of the draft; the `ETag` of GET /flows/{id} and what `If-Match` names' }),
  })
  .openapi('FlowSummary');

export const FlowDetailSchema = FlowSummarySchema.extend({
  draft: FlowDocumentSchema,
  diagnostics: z.array(DiagnosticSchema),
}).openapi('FlowDetail');

export const FlowVersionSchema = z
  .object({
    version: z.number(),
    createdAt: z.string(),
    createdBy: z.string(),
    rollbackOf: z.number().nullable(),
    published: z.boolean(),
    refused: z.boolean().openapi({ description: 'Frozen for a publish that Asterisk (or the compiler) refused; never released' }),
  })
  .openapi('FlowVersion');

export const FlowIdParams = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });
/** If-Match on a write of the draft: the ETag (revision) the client last read. */
export const FlowRevisionHeaders = z.object({
  'if-match': z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: 'if-match', in: 'header' }, description: 'The `ETag` last read (e.g. `"3"`): the write is refused with 409 when the draft has been written since', example: '"3"' }),
});
export const FlowVersionParams = FlowIdParams.extend({
  version: z.coerce.number().int().min(1).openapi({ param: { name: 'version', in: 'path' } }),
});
export const RollbackSchema = z.object({ version: z.number().int().min(1) }).openapi('RollbackRequest');

export const FlowPublishRequestSchema = z
  .object({
    rollbackTo: z.number().int().min(1).optional().openapi({ description: 'Publish a copy of this earlier version instead of the draft' }),
  })
  .openapi('FlowPublishRequest');
