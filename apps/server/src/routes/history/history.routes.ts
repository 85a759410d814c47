import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { errorResponses, jsonResponse } from '../../http/openapi.js';
import { HistoryCsvQuery, HistoryPageSchema, HistoryQuery } from './history.schema.js';

const tags = ['History'];
const SCOPE = 'An operator sees only the calls of the extensions whose mailboxes, and of the queues, they are given.';

export const listHistory = createRoute({
  ...allow('operator'),
  method: 'get',
  path: '/history',
  tags,
  description: `The call history, one row per call, a page at a time (keyset: pass \`next\` as \`cursor\`). Filters combine. ${SCOPE}`,
  request: { query: HistoryQuery },
  responses: { 200: jsonResponse(HistoryPageSchema, 'One page and the cursor of the next'), ...errorResponses(422) },
});

export const exportHistory = createRoute({
  ...allow('operator'),
  method: 'get',
  path: '/history.csv',
  tags,
  description: `Every call the filters match as CSV (UTF-8 with BOM, a header row in the request's language, comma-separated), streamed. A cell that a spreadsheet would read as a formula (starting with = + - @, tab or CR) gets a leading apostrophe. ${SCOPE}`,
  request: { query: HistoryCsvQuery },
  responses: { 200: { description: 'The calls as CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses(422) },
});
