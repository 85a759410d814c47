import { z } from '@hono/zod-openapi';

export const RuntimeAppSchema = z
  .object({
    name: z.string().openapi({ example: 'stumpfworks' }),
    /** `flows`: runs the `ari` flows; `visits`: turns the dialplan engine's trace into node visits. */
    role: z.enum(['flows', 'visits']),
    /** Whether Asterisk routes the app's calls and events to this server now. */
    registered: z.boolean(),
    state: z.enum(['registered', 'replaced', 'missing', 'connecting']).openapi({
      description:
        '`registered`: Asterisk has the app on our socket; `replaced`: another ARI connection took it over (ApplicationReplaced), it is registered again once Asterisk no longer lists it; `missing`: Asterisk lost it, being registered again; `connecting`: our event socket is not open.',
    }),
    since: z.string().openapi({ description: 'When this state began (ISO 8601)' }),
    checkedAt: z.string().optional().openapi({ description: 'The last answered GET /applications (ISO 8601)' }),
    checkError: z.string().optional().openapi({ description: 'Why the last GET /applications got no answer' }),
  })
  .openapi('RuntimeApp');

export const RuntimeStateSchema = z.enum(['connected', 'connecting', 'replaced', 'missing']).openapi({
  description: '`connected` only when Asterisk has every app registered to this server; else the worst app state.',
});

/** The runtime's state, or `off` when the server runs none (no Asterisk configured). */
export const RuntimeOrOffSchema = z.union([RuntimeStateSchema, z.literal('off')]);

export const RuntimeHealthSchema = z.object({ state: RuntimeOrOffSchema, apps: z.array(RuntimeAppSchema) }).openapi('RuntimeHealth');
