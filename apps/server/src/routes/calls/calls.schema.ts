import { z } from '@hono/zod-openapi';
import { says } from '../../http/language.js';

export const CallSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    state: z.string(),
    caller: z.object({ name: z.string(), number: z.string() }),
    connected: z.object({ name: z.string(), number: z.string() }),
    dialplan: z.object({ context: z.string(), exten: z.string(), priority: z.number() }).optional(),
    createdAt: z.string(),
  })
  .openapi('Call');

export const OriginateSchema = z
  .object({
    /** The extension whose phone rings first; when it answers, `number` is dialled from it. */
    extension: z.string().regex(/^[0-9]{2,6}$/),
    number: z.string().regex(/^\+?[0-9*#]{1,32}$/, says({ de: 'Ziffern, * und #', en: 'digits, * and #' })),
    callerId: z.string().max(80).regex(/^[^\n\r;]*$/).optional(),
  })
  .openapi('OriginateRequest');

export const TransferSchema = z
  .object({
    /** An extension or an external number: digits only, so nothing typed reaches the dialplan unchecked. */
    to: z.string().regex(/^[0-9]{1,32}$/, says({ de: 'Nur Ziffern (1 bis 32), z. B. 1001 oder 0891234567', en: 'digits only (1 to 32), e.g. 1001 or 0891234567' })),
  })
  .openapi('TransferRequest');

export const ChannelParams = z.object({ channel: z.string().min(1).max(200).openapi({ param: { name: 'channel', in: 'path' } }) });

export const EndpointStatusSchema = z
  .object({ id: z.string(), endpoint: z.string(), state: z.string(), inUse: z.boolean(), channels: z.number() })
  .openapi('EndpointStatus');

export const StatusSchema = z
  .object({
    extensions: z.array(EndpointStatusSchema),
    trunks: z.array(EndpointStatusSchema.extend({ registration: z.string().optional() })),
  })
  .openapi('PbxStatus');
