import { createRoute } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { errorResponses, jsonResponse } from '../../http/openapi.js';
import { AnalyticsQuery, AnalyticsSchema } from './analytics.schema.js';

export const getAnalytics = createRoute({
  ...allow('admin'),
  method: 'get',
  path: '/analytics',
  tags: ['Analytics'],
  description:
    "Every figure of the analytics page for a range of days in the company's time zone: calls per hour, day or week by outcome, average and p90 wait, the busiest hours (weekday x hour), per extension, trunk and queue (with the service level), and an IVR funnel per flow version. Admins only: the per-extension figures are about named people.",
  request: { query: AnalyticsQuery },
  responses: { 200: jsonResponse(AnalyticsSchema, 'The figures'), ...errorResponses(422) },
});
