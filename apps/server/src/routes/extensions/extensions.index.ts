import type { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-env.js';
import { crudRouter } from '../../resources/crud.routes.js';
import { ExtensionInputSchema, ExtensionSchema, generatePin, generateSecret, HIDDEN_SECRET, type Extension } from './extensions.schema.js';

/**
 * The box as stored: a PIN given is taken; left out (or the mask reads show) the stored one stays;
 * a box turned on without any gets a generated one, which the POST answer shows once.
 */
function voicemailOf(input: z.infer<typeof ExtensionInputSchema>, existing?: Extension): Extension['voicemail'] {
  const { pin: given, ...rest } = input.voicemail;
  const pin = given !== undefined && given !== HIDDEN_SECRET ? given : (existing?.voicemail?.pin ?? (rest.enabled ? generatePin(input.id) : undefined));
  return { ...rest, ...(pin !== undefined ? { pin } : {}) };
}

/** What reads show of a box: never its PIN. Extensions stored before voicemail existed have none. */
export function maskedPin(voicemail: Extension['voicemail'] | undefined): Extension['voicemail'] {
  if (!voicemail) return { enabled: false };
  return voicemail.pin === undefined ? voicemail : { ...voicemail, pin: HIDDEN_SECRET };
}

/** /extensions: SIP phones with auth, voicemail box and codecs. */
export function extensionsRouter(deps: Pick<AppDeps, 'db'>) {
  return crudRouter(deps.db, {
    kind: 'extension',
    path: 'extensions',
    tag: 'Extensions',
    input: ExtensionInputSchema,
    output: ExtensionSchema,
    prepare: (input, _db, existing): Extension => ({
      id: input.id,
      name: input.name,
      callerId: input.callerId ?? `"${input.name}" <${input.id}>`,
      // A PUT without a secret keeps the old one; a new extension gets a generated one.
      secret: input.secret ?? existing?.secret ?? generateSecret(),
      codecs: input.codecs,
      context: input.context,
      voicemail: voicemailOf(input, existing),
      webrtc: input.webrtc,
      directMedia: input.directMedia,
      ...(input.recording ? { recording: input.recording } : {}),
    }),
    // Extensions stored before directMedia existed have it off (the renderer reads them so too).
    present: (extension) => ({ ...extension, directMedia: extension.directMedia ?? false, secret: HIDDEN_SECRET, voicemail: maskedPin(extension.voicemail) }),
  });
}
