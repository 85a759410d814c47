import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { errorResponses, jsonBody, jsonResponse } from '../../http/openapi.js';
import { says } from '../../http/language.js';
import { FOLDERS, MESSAGE_ID } from '../../voicemail/messages.js';

const tags = ['Voicemail'];

export const BoxParams = z.object({
  box: z
    .string()
    .regex(/^[1-9][0-9]{1,5}$/, says({ de: 'Eine Mailbox ist eine Nebenstellennummer', en: 'a mailbox is an extension number' }))
    .openapi({ param: { name: 'box', in: 'path' }, example: '1000' }),
});

export const NewPinSchema = z
  .object({
    pin: z.string().optional().openapi({ description: '4 to 10 digits, not one repeated, no run, not the box number; left out: a 6-digit one is generated' }),
  })
  .openapi('NewVoicemailPin');

export const SetPinSchema = z
  .object({
    pin: z.string().openapi({ description: 'The generated PIN, shown this once; "********" when the caller gave it' }),
    live: z.boolean().openapi({ description: 'Whether Asterisk has it now; false before the box was first published (the publish writes it)' }),
  })
  .openapi('VoicemailPinSet');

export const setPin = createRoute({
  ...allow('operator'),
  method: 'put',
  path: '/voicemail/{box}/pin',
  tags,
  description:
    "Sets a mailbox's PIN (what `*97`/`*98` ask for) without a publish: stored, written into the live voicemail.conf and app_voicemail reloaded. An operator only for the mailboxes given to them. The caller changes it by phone in VoiceMailMain's options (0, then 5).",
  request: { params: BoxParams, body: jsonBody(NewPinSchema) },
  responses: { 200: jsonResponse(SetPinSchema, 'Set'), ...errorResponses(403, 404, 422) },
});

const MessageParams = BoxParams.extend({
  id: z
    .string()
    .regex(MESSAGE_ID, says({ de: 'Keine Nachrichten-ID', en: 'not a message id' }))
    .openapi({ param: { name: 'id', in: 'path' }, example: '1765000100-2' }),
});

const FolderSchema = z.enum(FOLDERS);

export const MessageSchema = z
  .object({
    id: z.string().openapi({ description: "app_voicemail's msg_id: stays when the message moves" }),
    folder: FolderSchema.openapi({ description: 'INBOX holds the new (unheard) messages, Old the heard ones' }),
    callerId: z.string(),
    callerName: z.string(),
    callerNumber: z.string(),
    time: z.string().openapi({ description: 'When it was left (ISO 8601)' }),
    durationSeconds: z.number().int(),
  })
  .openapi('VoicemailMessage');

export const BoxSummarySchema = z
  .object({ box: z.string(), name: z.string(), new: z.number().int(), old: z.number().int() })
  .openapi('VoicemailBox');

export const listBoxes = createRoute({
  ...allow('operator'),
  method: 'get',
  path: '/voicemail',
  tags,
  description: 'The mailboxes the caller may use (an operator: those given to them), with the number of new (INBOX) and old messages.',
  responses: { 200: jsonResponse(z.array(BoxSummarySchema), 'The boxes, by number'), ...errorResponses(503) },
});

export const listMessages = createRoute({
  ...allow('operator'),
  method: 'get',
  path: '/voicemail/{box}/messages',
  tags,
  description: 'The messages of a box: INBOX (new) first, then Old and the other folders, oldest first in each.',
  request: { params: BoxParams },
  responses: { 200: jsonResponse(z.array(MessageSchema), 'The messages'), ...errorResponses(404, 422, 503) },
});

export const messageAudio = createRoute({
  ...allow('operator'),
  method: 'get',
  path: '/voicemail/{box}/messages/{id}/audio',
  tags,
  description:
    'The recording as audio/wav, with HTTP Range (206 with Content-Range; 416 past the end) so a player can seek. Listening is recorded in the audit log (`voicemail.listen`) once per playback: for a request without Range or from byte 0.',
  request: { params: MessageParams },
  responses: {
    200: { description: 'The whole recording', content: { 'audio/wav': { schema: z.string().openapi({ format: 'binary' }) } } },
    206: { description: 'The requested bytes', content: { 'audio/wav': { schema: z.string().openapi({ format: 'binary' }) } } },
    416: { description: 'The range starts past the end' },
    ...errorResponses(404, 422, 503),
  },
});

export const markHeard = createRoute({
  ...allow('operator'),
  method: 'post',
  path: '/voicemail/{box}/messages/{id}/heard',
  tags,
  description: 'Moves a new message from INBOX to Old (app_voicemail VoicemailMove, which updates the phones\' message lamp). A message not in INBOX stays where it is.',
  request: { params: MessageParams },
  responses: { 200: jsonResponse(MessageSchema, 'The message where it is now'), ...errorResponses(404, 422, 503) },
});

export const moveMessage = createRoute({
  ...allow('operator'),
  method: 'post',
  path: '/voicemail/{box}/messages/{id}/move',
  tags,
  description: 'Moves a message to another folder of its box (VoicemailMove; the lamp follows).',
  request: { params: MessageParams, body: jsonBody(z.object({ folder: FolderSchema }).openapi('VoicemailMove')) },
  responses: { 200: jsonResponse(MessageSchema, 'The message where it is now'), ...errorResponses(404, 422, 503) },
});

export const forwardMessage = createRoute({
  ...allow('operator'),
  method: 'post',
  path: '/voicemail/{box}/messages/{id}/forward',
  tags,
  description: "Copies a message into another box's INBOX (VoicemailForward; that box's lamp lights). The target must be a box; an operator may forward into any box, as a caller may leave a message in any.",
  request: { params: MessageParams, body: jsonBody(z.object({ box: BoxParams.shape.box }).openapi('VoicemailForward')) },
  responses: { 204: { description: 'Forwarded' }, ...errorResponses(404, 422, 503) },
});

export const deleteMessage = createRoute({
  ...allow('operator'),
  method: 'delete',
  path: '/voicemail/{box}/messages/{id}',
  tags,
  description: 'Deletes a message (VoicemailRemove; the lamp follows).',
  request: { params: MessageParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404, 422, 503) },
});
