import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { errorResponses, jsonBody, jsonResponse } from '../../http/openapi.js';
import { GREETING_KINDS } from '../../voicemail/greetings.js';
import { BoxParams } from './voicemail.routes.js';

const tags = ['Voicemail'];
const GreetingParams = BoxParams.extend({
  kind: z.enum(GREETING_KINDS as [string, ...string[]]).openapi({ param: { name: 'kind', in: 'path' }, description: 'unavailable, busy, name (the spoken name) or temporary (replaces both while it exists)' }),
});

export const GreetingSchema = z
  .object({ kind: z.string(), present: z.boolean(), bytes: z.number().int().optional() })
  .openapi('VoicemailGreeting');

const audioBody = {
  content: { 'audio/wav': { schema: z.string().openapi({ format: 'binary' }) }, 'audio/mpeg': { schema: z.string().openapi({ format: 'binary' }) } },
  required: true,
};

export const listGreetings = createRoute({
  ...allow('operator'),
  method: 'get',
  path: '/voicemail/{box}/greetings',
  tags,
  description: "The box's four greetings and whether each is there (recorded by phone in VoiceMailMain's options, uploaded or spoken).",
  request: { params: BoxParams },
  responses: { 200: jsonResponse(z.array(GreetingSchema), 'The greetings'), ...errorResponses(404, 422, 503) },
});

export const uploadGreeting = createRoute({
  ...allow('operator'),
  method: 'put',
  path: '/voicemail/{box}/greetings/{kind}/audio',
  tags,
  description: 'Replaces a greeting with an uploaded WAV (audio/wav) or MP3 (audio/mpeg), at most 20 MB, converted like prompts (8 kHz mono WAV).',
  request: { params: GreetingParams, body: audioBody },
  responses: { 200: jsonResponse(GreetingSchema, 'Stored'), ...errorResponses(404, 422, 503) },
});

export const speakGreeting = createRoute({
  ...allow('operator'),
  method: 'post',
  path: '/voicemail/{box}/greetings/{kind}/tts',
  tags,
  description: 'Replaces a greeting with German or English text spoken by espeak-ng (offline), like prompts.',
  request: {
    params: GreetingParams,
    body: jsonBody(z.object({ text: z.string().trim().min(1).max(2000), language: z.enum(['de', 'en']) }).openapi('VoicemailGreetingTts')),
  },
  responses: { 200: jsonResponse(GreetingSchema, 'Stored'), ...errorResponses(404, 422, 503) },
});

export const greetingAudio = createRoute({
  ...allow('operator'),
  method: 'get',
  path: '/voicemail/{box}/greetings/{kind}/audio',
  tags,
  request: { params: GreetingParams },
  responses: { 200: { description: 'The greeting (WAV)', content: { 'audio/wav': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses(404, 422, 503) },
});

export const deleteGreeting = createRoute({
  ...allow('operator'),
  method: 'delete',
  path: '/voicemail/{box}/greetings/{kind}',
  tags,
  description: "Deletes a greeting: callers then hear Asterisk's default for it.",
  request: { params: GreetingParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404, 422, 503) },
});
