import { z } from '@hono/zod-openapi';
import { say, says } from '../../http/language.js';

const pin = z.string().regex(/^[0-9]{3,10}$/, says({ de: 'Muss aus 3 bis 10 Ziffern bestehen', en: 'must be 3 to 10 digits' }));

export const ConferenceInputSchema = z
  .object({
    id: z.string().regex(/^[0-9]{2,8}$/, says({ de: 'Die Raumnummer hat 2 bis 8 Ziffern', en: 'the room number: 2 to 8 digits' })),
    name: z.string().min(1).max(80),
    pin: pin.optional(),
    moderatorPin: pin.optional(),
    maxParticipants: z.number().int().min(2).max(200).default(20),
    record: z.boolean().default(false),
  })
  .superRefine((r, ctx) => {
    if (r.pin && r.moderatorPin && r.pin === r.moderatorPin) {
      ctx.addIssue({ code: 'custom', path: ['moderatorPin'], message: say({ de: 'Muss sich von der Teilnehmer-PIN unterscheiden', en: 'must differ from the participant PIN' }) });
    }
  })
  .openapi('ConferenceInput');

export const ConferenceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    pin: z.string().optional(),
    moderatorPin: z.string().optional(),
    maxParticipants: z.number(),
    record: z.boolean(),
  })
  .openapi('Conference');
export type Conference = z.infer<typeof ConferenceSchema>;
