import { z } from '@hono/zod-openapi';
import { says } from '../../http/language.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, says({ de: 'Nur Kleinbuchstaben, Ziffern und -', en: 'lower-case letters, digits and -' }));

export const PromptSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    source: z.enum(['upload', 'tts']),
    language: z.enum(['de', 'en']).optional(),
    text: z.string().optional(),
    bytes: z.number(),
  })
  .openapi('Prompt');
export type Prompt = z.infer<typeof PromptSchema>;

export const TtsInputSchema = z
  .object({ id, name: z.string().min(1).max(80), language: z.enum(['de', 'en']), text: z.string().min(1).max(2000) })
  .openapi('TtsPromptInput');

export const PromptIdParams = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) });
export const UploadQuery = z.object({ name: z.string().min(1).max(80).optional() });
