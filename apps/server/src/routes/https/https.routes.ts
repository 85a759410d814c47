import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { errorResponses, jsonBody, jsonResponse } from '../../http/openapi.js';

const tags = ['HTTPS'];

export const CertificateSchema = z
  .object({
    source: z.enum(['data-dir', 'files']).openapi({ description: '`data-dir`: DATA_DIR/tls (generated or uploaded; in backups); `files`: TLS_CERT_FILE/TLS_KEY_FILE' }),
    subject: z.string(),
    issuer: z.string(),
    names: z.array(z.string()).openapi({ description: 'subjectAltName entries, e.g. `DNS:localhost`, `IP Address:127.0.0.1`' }),
    validFrom: z.string().openapi({ format: 'date-time' }),
    validTo: z.string().openapi({ format: 'date-time', description: 'Expiry (an alert can watch it)' }),
    fingerprint256: z.string().openapi({ description: 'SHA-256 of the certificate, as browsers show it (AB:CD:...)' }),
    selfSigned: z.boolean(),
    chainLength: z.number().int().openapi({ description: 'Intermediate certificates served after the server’s own' }),
  })
  .openapi('Certificate');

export const HttpsStatusSchema = z
  .object({
    enabled: z.boolean().openapi({ description: 'Whether the HTTPS server listens (HTTPS_PORT not `off`, and the port was free at start)' }),
    port: z.number().int().nullable().openapi({ description: 'The port it listens on' }),
    certificate: CertificateSchema.nullable().openapi({ description: 'null with HTTPS_PORT=off' }),
  })
  .openapi('HttpsStatus');

export const CertificateUploadSchema = z
  .object({
    certificate: z.string().min(1).max(200_000).openapi({ description: 'PEM: the server’s certificate first, then its intermediates' }),
    key: z.string().min(1).max(50_000).openapi({ description: 'PEM: the unencrypted private key (PKCS#8, PKCS#1 or SEC1)' }),
  })
  .openapi('CertificateUpload');

export const getHttps = createRoute({
  ...allow('admin'),
  method: 'get',
  path: '/https',
  tags,
  summary: 'The HTTPS server and its certificate',
  responses: { 200: jsonResponse(HttpsStatusSchema, 'Port and certificate (null while HTTPS is off)'), ...errorResponses() },
});

export const putCertificate = createRoute({
  ...allow('admin'),
  method: 'put',
  path: '/https/certificate',
  tags,
  summary: 'Serve a certificate the admin provides (checked; no restart)',
  request: { body: jsonBody(CertificateUploadSchema) },
  responses: {
    200: jsonResponse(CertificateSchema, 'Checked, stored in DATA_DIR/tls and served to new connections'),
    ...errorResponses(409, 422),
  },
});

export const generateCertificate = createRoute({
  ...allow('admin'),
  method: 'post',
  path: '/https/certificate/generate',
  tags,
  summary: 'Generate a new self-signed certificate for the machine’s current names (no restart)',
  responses: { 200: jsonResponse(CertificateSchema, 'Generated, stored and served'), ...errorResponses(409, 422) },
});
