import type { AppDeps } from '../../http/app-env.js';
import { crudRouter } from '../../resources/crud.routes.js';
import { ExtensionInputSchema, ExtensionSchema, generateSecret, HIDDEN_SECRET, type Extension } from './extensions.schema.js';

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
      voicemail: input.voicemail,
      webrtc: input.webrtc,
      directMedia: input.directMedia,
      ...(input.recording ? { recording: input.recording } : {}),
    }),
    // Extensions stored before directMedia existed have it off (the renderer reads them so too).
    present: (extension) => ({ ...extension, directMedia: extension.directMedia ?? false, secret: HIDDEN_SECRET }),
  });
}
