import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { says } from '../../http/language.js';
import { errorResponses, jsonResponse } from '../../http/openapi.js';

const tags = ['Voicemail mail'];

export const OUTBOX_STATUSES = ['waiting', 'retrying', 'sent', 'failed', 'skipped', 'discarded'] as const;

export const OutboxMailSchema = z
  .object({
    id: z.string(),
    mailbox: z.string(),
    context: z.string(),
    /**
     * `waiting`: not tried yet; `retrying`: failed before, tried again at `nextAttemptAt`; `sent`:
     * accepted by the SMTP server; `failed`: given up after the last retry; `skipped`: nothing to
     * send (the message or the box's address went); `discarded`: an admin chose not to send it.
     */
    status: z.enum(OUTBOX_STATUSES),
    receivedAt: z.string(),
    attempts: z.number().int(),
    lastAttemptAt: z.string().optional(),
    nextAttemptAt: z.string().optional(),
    /** The SMTP server's answer (or why nothing was sent) at the last attempt. */
    lastError: z.string().optional(),
    sentAt: z.string().optional(),
  })
  .openapi('VoicemailOutboxMail');

export const OutboxSchema = z
  .object({ mails: z.array(OutboxMailSchema).openapi({ description: 'Every mail still to send (newest first), then the latest 50 that ended (newest first)' }) })
  .openapi('VoicemailOutbox');

const MailParams = z.object({
  id: z
    .uuid(says({ de: 'Die Kennung einer Mail im Postausgang', en: 'the id of a mail in the outbox' }))
    .openapi({ param: { name: 'id', in: 'path' }, example: '0b7c6f5e-8f0d-4c55-9a47-0d3c4e1e2a11' }),
});

export const getOutbox = createRoute({
  ...allow('admin'),
  method: 'get',
  path: '/voicemail-mail/outbox',
  tags,
  description: 'The voicemail mails: waiting, retrying (with the last error and the next try), failed (given up), and the recently sent ones.',
  responses: { 200: jsonResponse(OutboxSchema, 'The outbox'), ...errorResponses() },
});

export const retryOutboxMail = createRoute({
  ...allow('admin'),
  method: 'post',
  path: '/voicemail-mail/outbox/{id}/retry',
  tags,
  description: 'Sends a waiting, retrying or failed mail now (a failed one starts a fresh round of retries). 409 for a mail that ended otherwise.',
  request: { params: MailParams },
  responses: { 200: jsonResponse(OutboxMailSchema, 'Due now'), ...errorResponses(404, 409, 422) },
});

export const discardOutboxMail = createRoute({
  ...allow('admin'),
  method: 'post',
  path: '/voicemail-mail/outbox/{id}/discard',
  tags,
  description: 'Does not send a waiting, retrying or failed mail (the voicemail stays in its box); its alert resolves. 409 for a mail that ended otherwise.',
  request: { params: MailParams },
  responses: { 200: jsonResponse(OutboxMailSchema, 'Discarded'), ...errorResponses(404, 409, 422) },
});
