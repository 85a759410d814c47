import { createRoute } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { AlertSettingsInputSchema, AlertSettingsViewSchema } from '../../alerts/alert-settings.js';
import { ErrorSchema, errorResponses, jsonBody, jsonResponse } from '../../http/openapi.js';
import { AlertsQuery, AlertsSchema, TestMailSchema } from './alerts.schema.js';

const tags = ['Alerts'];

export const listAlerts = createRoute({
  ...allow('operator'),
  method: 'get',
  path: '/alerts',
  tags,
  description:
    'Open alerts (trunk registration lost, Asterisk down, a publish Asterisk refused, low disk space, repeated SIP bans, voicemail that cannot be mailed) and the history of opened and resolved ones. Texts in both languages.',
  request: { query: AlertsQuery },
  responses: { 200: jsonResponse(AlertsSchema, 'Open alerts, newest first, and the history'), ...errorResponses(422) },
});

export const getAlertSettings = createRoute({
  ...allow('admin'),
  method: 'get',
  path: '/alerts/settings',
  tags,
  description: 'The alert mails (SMTP) and thresholds; the SMTP password is never shown (`passwordSet`).',
  responses: { 200: jsonResponse(AlertSettingsViewSchema, 'The settings'), ...errorResponses() },
});

export const putAlertSettings = createRoute({
  ...allow('admin'),
  method: 'put',
  path: '/alerts/settings',
  tags,
  description: 'Saves the alert settings; they apply at the next check (no publish). Leave `smtp.password` out to keep the stored one.',
  request: { body: jsonBody(AlertSettingsInputSchema) },
  responses: { 200: jsonResponse(AlertSettingsViewSchema, 'Saved'), ...errorResponses(422) },
});

export const testAlertMail = createRoute({
  ...allow('admin'),
  method: 'post',
  path: '/alerts/settings/test',
  tags,
  description:
    'Sends a real test mail to every recipient with the SMTP settings in the body (not saved; a left-out password is the stored one), whether or not mails are switched on. 502 with the SMTP server\'s answer when it fails.',
  request: { body: jsonBody(AlertSettingsInputSchema) },
  responses: {
    200: jsonResponse(TestMailSchema, 'Sent'),
    502: { description: 'The SMTP server could not be reached or refused the mail; `message` says what it answered', content: { 'application/json': { schema: ErrorSchema } } },
    ...errorResponses(422),
  },
});
