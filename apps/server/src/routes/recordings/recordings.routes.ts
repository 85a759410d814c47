import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { errorResponses, jsonResponse } from '../../http/openapi.js';
import { RecordingPageSchema, RecordingParams, RecordingsQuery } from './recordings.schema.js';

const tags = ['Recordings'];

export const listRecordings = createRoute({
  ...allow('operator'),
  method: 'get',
  path: '/recordings',
  tags,
  description:
    'Call recordings, newest first, with the storage they take. Filters combine. An operator sees only the recordings of calls with an extension whose mailbox is assigned to them.',
  request: { query: RecordingsQuery },
  responses: { 200: jsonResponse(RecordingPageSchema, 'One page and the total that matches'), ...errorResponses(422) },
});

export const getRecording = createRoute({
  ...allow('operator'),
  method: 'get',
  path: '/recordings/{id}',
  tags,
  description:
    'The recording as WAV (audio/wav), or MP3 (audio/mpeg) when the settings convert them; honours one HTTP Range (`bytes=a-b`, `bytes=a-`, `bytes=-n`) with 206, so a player can seek; a Range it cannot satisfy is ignored (200, the whole file). Each listen (a request from the first byte) goes into the audit log.',
  request: { params: RecordingParams },
  responses: {
    200: { description: 'The whole file', content: { 'audio/wav': { schema: z.string().openapi({ format: 'binary' }) }, 'audio/mpeg': { schema: z.string().openapi({ format: 'binary' }) } } },
    206: { description: 'The range asked for', content: { 'audio/wav': { schema: z.string().openapi({ format: 'binary' }) }, 'audio/mpeg': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...errorResponses(404, 422),
  },
});

export const deleteRecording = createRoute({
  ...allow('operator'),
  method: 'delete',
  path: '/recordings/{id}',
  tags,
  description: 'Deletes the file and its index row (recorded in the audit log).',
  request: { params: RecordingParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404, 422) },
});
