import { z } from 'zod';
import { flowSchema } from './flow.schema.js';

/** The JSON Schema of a flow document (for import/export and other tools), as stable text. */
export function flowJsonSchemaText(): string {
  const schema = z.toJSONSchema(flowSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, $id: 'https://stumpfworks.de/schemas/flow-v1.json', title: 'StumpfWorks VoIP flow' }, null, 2)}\n`;
}
