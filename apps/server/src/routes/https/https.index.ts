import { AppError } from '../../errors.js';
import type { AppDeps } from '../../http/app-env.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import * as routes from './https.routes.js';

/** /https: the HTTPS server's certificate, an upload to replace it and a new self-signed one. */
export function httpsRouter({ https }: Pick<AppDeps, 'https'>) {
  const router = createRouter();
  const certificate = () => {
    if (!https) throw new AppError('conflict', say({ de: 'HTTPS ist aus (HTTPS_PORT=off)', en: 'HTTPS is off (HTTPS_PORT=off)' }));
    return https.certificate;
  };
  router.openapi(routes.getHttps, (c) => {
    const port = https?.port();
    return c.json({ enabled: port !== undefined, port: port ?? null, certificate: https ? https.certificate.info : null }, 200);
  });
  router.openapi(routes.putCertificate, (c) => c.json(certificate().replace(c.req.valid('json')), 200));
  router.openapi(routes.generateCertificate, async (c) => c.json(await certificate().regenerate(), 200));
  return router;
}
