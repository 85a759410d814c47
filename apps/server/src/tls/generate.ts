// @peculiar/x509 2.x resolves its ASN.1 classes through tsyringe, which needs the Reflect metadata
// API (a polyfill; it adds Reflect.getMetadata and friends, nothing else); it must load first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import type { CertificatePair } from './certificate.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** ECDSA P-256 with SHA-256: every browser and phone takes it, and the key is made in milliseconds (RSA 2048 takes up to seconds). */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/**
 * 397 days: the longest validity Chromium and Safari accept for a certificate a public CA issued;
 * a self-signed one is not held to it, but a shorter life also keeps the names current.
 */
export const SELF_SIGNED_DAYS = 397;

/**
 * A self-signed server certificate (and its PKCS#8 key, both PEM) for `names`: host names become
 * DNS entries and addresses IP entries of the subjectAltName. Made with
 * node's WebCrypto through @peculiar/x509, so the machine needs no openssl binary.
 */
export async function generateSelfSigned(names: readonly string[], now: Date): Promise<CertificatePair> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const altNames = names.map((name) => (isIP(name) ? { type: 'ip' as const, value: name } : { type: 'dns' as const, value: name }));
  // The CN is what a browser's warning shows first: the machine's own name, rather than localhost.
  const cn = (names.find((n) => !isIP(n) && n !== 'localhost') ?? 'localhost').replace(/[,+="<>#;\\]/g, '');
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    // A positive 64-bit serial (the top bit clear), random so that a browser never sees two with one serial.
    serialNumber: (randomBytes(8).readBigUInt64BE() >> 1n).toString(16).padStart(16, '0'),
    name: `CN=${cn}, O=StumpfWorks VoIP (self-signed)`,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + SELF_SIGNED_DAYS * 86_400_000),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.SubjectAlternativeNameExtension(altNames),
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  return { certificate: cert.toString('pem') + '\n', key };
}
