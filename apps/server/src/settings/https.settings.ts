import { z } from '@hono/zod-openapi';
import type { SettingsSection } from './section.js';

/**
 * HTTPS (tls/): `redirectHttp` sends browsers that open the plain HTTP port to the HTTPS one (308),
 * except `/health` and the API (`/api/v1/...`), which the NAS plugin (plugin.json) and scripts use
 * on 127.0.0.1:8090. Off until the admin turns it on, after checking the HTTPS address works in
 * their browsers. Takes effect at once, without a publish.
 */
export const HttpsSettingsSchema = z
  .object({
    redirectHttp: z.boolean().default(false),
  })
  .openapi('HttpsSettings', {
    description:
      'HTTPS: with `redirectHttp`, a request on the plain HTTP port is answered 308 to the same path on the HTTPS port, except `/health` and `/api/v1/...` (the NAS plugin and scripts). HSTS (max-age 180 days) is sent over HTTPS only while `redirectHttp` is on and the certificate is not self-signed. Takes effect at once.',
  });

export type HttpsSettings = z.infer<typeof HttpsSettingsSchema>;

export const httpsSection: SettingsSection<typeof HttpsSettingsSchema> = {
  id: 'https',
  label: { de: 'HTTPS', en: 'HTTPS' },
  schema: HttpsSettingsSchema,
};
