// The same Reflect metadata polyfill generate.ts loads for @peculiar/x509 (see there).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import type { CertificatePair } from './certificate.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/**
 * Test certificates the generator does not make: a CA and a server certificate it issued (what an
 * admin uploads), one without subjectAltName, one expired. ECDSA P-256 like the generator's.
 */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key)).toString('base64');
  return `-----BEGIN PRIVATE KEY-----\n${der.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

export interface TestCa {
  /** The CA's certificate (PEM), the one a client trusts. */
  certificate: string;
  /** A server certificate it issued for `names` (its chain: the server's, then the CA's). */
  issue(names: string[], options?: { from?: Date; days?: number; withoutNames?: boolean }): Promise<CertificatePair>;
}

export async function createTestCa(name = 'StumpfWorks Test CA'): Promise<TestCa> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const now = Date.now();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${name}`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  const caPem = ca.toString('pem') + '\n';
  let serial = 1;
  return {
    certificate: caPem,
    async issue(names, options = {}) {
      const leafKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
      const from = options.from ?? new Date(now - DAY);
      const leaf = await x509.X509CertificateGenerator.create({
        serialNumber: (++serial).toString(16).padStart(2, '0'),
        subject: `CN=${names[0] ?? 'server'}`,
        issuer: ca.subject,
        notBefore: from,
        notAfter: new Date(from.getTime() + (options.days ?? 90) * DAY),
        publicKey: leafKeys.publicKey,
        signingKey: keys.privateKey,
        signingAlgorithm: ALGORITHM,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          ...(options.withoutNames ? [] : [new x509.SubjectAlternativeNameExtension(names.map((n) => (/^[\d.]+$|:/.test(n) ? { type: 'ip' as const, value: n } : { type: 'dns' as const, value: n })))]),
        ],
      });
      return { certificate: `${leaf.toString('pem')}\n${caPem}`, key: await pkcs8Pem(leafKeys.privateKey) };
    },
  };
}
