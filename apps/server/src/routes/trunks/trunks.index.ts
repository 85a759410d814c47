import type { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-env.js';
import { AppError } from '../../errors.js';
import { say } from '../../http/language.js';
import { crudRouter } from '../../resources/crud.routes.js';
import { TRUNK_PRESETS } from './trunk-presets.js';
import { HIDDEN_SECRET } from '../extensions/extensions.schema.js';
import { NEEDS_PASSWORD, TrunkInputSchema, TrunkReplaceSchema, TrunkSchema, type Trunk } from './trunks.schema.js';

/**
 * Fills in a trunk from its preset; explicit settings win over the preset's. A replaced
 * registration trunk without a password (or with the `********` reads show) keeps `existing`'s.
 */
export function applyPreset(input: z.infer<typeof TrunkReplaceSchema>, existing?: Trunk): Trunk {
  const preset = input.preset ? TRUNK_PRESETS[input.preset] : undefined;
  const trunk: Trunk = {
    id: input.id,
    name: input.name,
    type: input.type,
    server: input.server ?? preset?.server ?? '',
    port: input.port ?? preset?.port ?? 5060,
    transport: input.transport ?? preset?.transport ?? 'udp',
    codecs: input.codecs ?? (preset ? [...preset.codecs] : ['alaw', 'ulaw']),
  };
  if (input.preset) trunk.preset = input.preset;
  const realm = input.realm ?? preset?.realm;
  if (realm) trunk.realm = realm;
  if (input.username) trunk.username = input.username;
  const password = input.password && input.password !== HIDDEN_SECRET ? input.password : input.type === 'registration' ? existing?.password : undefined;
  if (input.type === 'registration' && !password) {
    throw new AppError('validation', say({ de: 'Die Leitung ist nicht gültig', en: 'the trunk is not valid' }), {
      issues: [{ path: 'password', message: say(NEEDS_PASSWORD) }],
    });
  }
  if (password) trunk.password = password;
  if (input.callerId) trunk.callerId = input.callerId;
  if (input.recording) trunk.recording = input.recording;
  return trunk;
}

/** /trunks: connections to SIP providers. */
export function trunksRouter(deps: Pick<AppDeps, 'db'>) {
  return crudRouter(deps.db, {
    kind: 'trunk',
    path: 'trunks',
    tag: 'Trunks',
    input: TrunkInputSchema,
    replaceInput: TrunkReplaceSchema,
    output: TrunkSchema,
    prepare: (input, _db, existing) => applyPreset(input, existing),
    present: (trunk) => (trunk.password ? { ...trunk, password: HIDDEN_SECRET } : trunk),
  });
}
