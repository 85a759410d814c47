import { createRoute, z } from '@hono/zod-openapi';
import { PROMPT_AUDIO_LIMIT_BYTES } from '../../http/body-limit.js';
import { errorResponses, jsonBody, jsonResponse } from '../../http/openapi.js';
import { PromptIdParams, PromptSchema, TtsInputSchema, UploadQuery } from './prompts.schema.js';
import { allow } from '../../auth/roles.js';

const tags = ['Prompts'];

export const list = createRoute({ ...allow('editor'), method: 'get', path: '/prompts', tags, responses: { 200: jsonResponse(z.array(PromptSchema), 'All prompts'), ...errorResponses() } });
export const get = createRoute({ ...allow('editor'),
  method: 'get',
  path: '/prompts/{id}',
  tags,
  request: { params: PromptIdParams },
  responses: { 200: jsonResponse(PromptSchema, 'The prompt'), ...errorResponses(404, 422) },
});
export const tts = createRoute({ ...allow('editor'),
  method: 'post',
  path: '/prompts/tts',
  tags,
  description: 'Speaks German or English text with espeak-ng (offline) into an 8 kHz mono WAV.',
  request: { body: jsonBody(TtsInputSchema) },
  responses: { 201: jsonResponse(PromptSchema, 'Created'), ...errorResponses(409, 422) },
});
export const upload = createRoute({ ...allow('editor'),
  method: 'put',
  path: '/prompts/{id}/audio',
  tags,
  description: `Uploads a WAV (audio/wav) or MP3 (audio/mpeg) as the raw body, at most 20 MB (${PROMPT_AUDIO_LIMIT_BYTES} bytes; a larger one gets 413 before it is read whole); it is converted to 8 kHz mono WAV.`,
  request: {
    params: PromptIdParams,
    query: UploadQuery,
    body: {
      content: { 'audio/wav': { schema: z.string().openapi({ format: 'binary' }) }, 'audio/mpeg': { schema: z.string().openapi({ format: 'binary' }) } },
      required: true,
    },
  },
  responses: { 200: jsonResponse(PromptSchema, 'Stored'), ...errorResponses(422) },
});
export const audio = createRoute({ ...allow('editor'),
  method: 'get',
  path: '/prompts/{id}/audio',
  tags,
  request: { params: PromptIdParams },
  responses: { 200: { description: 'The converted WAV', content: { 'audio/wav': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses(404, 422) },
});
export const remove = createRoute({ ...allow('editor'),
  method: 'delete',
  path: '/prompts/{id}',
  tags,
  request: { params: PromptIdParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404, 422) },
});
