import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { errorResponses, jsonBody, jsonResponse } from '../../http/openapi.js';
import { says } from '../../http/language.js';

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
