import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { Issue } from '../errors.js';
import { say } from '../http/language.js';

/** A certificate as the settings page and GET /https show it (and h-alerts reads `validTo` from). */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** The subjectAltName entries, e.g. `DNS:localhost`, `IP Address:127.0.0.1`. */
  names: string[];
  validFrom: string;
  validTo: string;
  /** SHA-256 of the DER certificate, as browsers show it (AB:CD:...), to compare with the browser's warning. */
  fingerprint256: string;
  /** Issued by itself (the one this server generates): browsers warn; no HSTS on it. */
  selfSigned: boolean;
  /** How many certificates follow the server's own (intermediates). */
  chainLength: number;
}

/** A PEM certificate chain with its key, checked: what the TLS server loads. */
export interface CertificatePair {
  certificate: string;
  key: string;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM chain, in order (the server's own first). */
function pemBlocks(chain: string): string[] {
  return chain.match(PEM_CERTIFICATE) ?? [];
}

/**
 * Whether a certificate is issued (and signed) by its own key. Not checkIssued(itself): OpenSSL's
 * check also wants keyCertSign in the key usage, which a server certificate rightly lacks.
 */
function isSelfSigned(cert: X509Certificate): boolean {
  return cert.issuer === cert.subject && cert.verify(cert.publicKey);
}

/** What a certificate says about itself (the first of a chain). */
export function describeCertificate(chain: string): CertificateInfo {
  const blocks = pemBlocks(chain);
  const cert = new X509Certificate(blocks[0] ?? chain);
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    names: (cert.subjectAltName ?? '').split(', ').filter((n) => n !== ''),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256,
    selfSigned: isSelfSigned(cert),
    chainLength: Math.max(0, blocks.length - 1),
  };
}

type Checked = { ok: true; info: CertificateInfo } | { ok: false; issues: Issue[] };

/**
 * Checks a certificate chain and key the admin provides before the server serves them: every PEM
 * block parses, the server's own certificate comes first (not a CA) and each further one issued the
 * one before, the key is an unencrypted private key that belongs to the first certificate, the
 * certificate is valid now and names hosts (subjectAltName: browsers ignore the CN), and Node's TLS
 * accepts the pair. Each problem has its field (`certificate` or `key`) and both languages.
 */
export function checkCertificatePair(pair: CertificatePair, now: Date): Checked {
  const issues: Issue[] = [];
  const blocks = pemBlocks(pair.certificate);
  const certs: X509Certificate[] = [];
  if (blocks.length === 0) {
    issues.push({ path: 'certificate', message: say({ de: 'Kein Zertifikat im PEM-Format (-----BEGIN CERTIFICATE-----) gefunden', en: 'no PEM certificate (-----BEGIN CERTIFICATE-----) found' }) });
  }
  blocks.forEach((block, index) => {
    try {
      certs.push(new X509Certificate(block));
    } catch (error) {
      issues.push({ path: 'certificate', message: say({ de: `Zertifikat ${index + 1} lässt sich nicht lesen: ${(error as Error).message}`, en: `certificate ${index + 1} does not parse: ${(error as Error).message}` }) });
    }
  });
  let key: KeyObject | undefined;
  try {
    key = createPrivateKey(pair.key);
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(pair.key);
    issues.push({
      path: 'key',
      message: encrypted
        ? say({ de: 'Der Schlüssel ist mit einem Passwort verschlüsselt; bitte unverschlüsselt hochladen (z. B. openssl pkey -in key.pem -out plain.pem)', en: 'the key is encrypted with a passphrase; upload it unencrypted (e.g. openssl pkey -in key.pem -out plain.pem)' })
        : say({ de: `Kein privater Schlüssel im PEM-Format: ${(error as Error).message}`, en: `not a PEM private key: ${(error as Error).message}` }),
    });
  }
  if (issues.length > 0 || certs.length === 0) return { ok: false, issues };

  const leaf = certs[0]!;
  if (leaf.ca) {
    issues.push({ path: 'certificate', message: say({ de: 'Das erste Zertifikat ist ein CA-Zertifikat; das Zertifikat des Servers muss zuerst stehen', en: 'the first certificate is a CA certificate; the server’s own certificate must come first' }) });
  }
  for (let i = 1; i < certs.length; i++) {
    if (!certs[i - 1]!.checkIssued(certs[i]!) || !certs[i - 1]!.verify(certs[i]!.publicKey)) {
      issues.push({ path: 'certificate', message: say({ de: `Zertifikat ${i + 1} hat Zertifikat ${i} nicht ausgestellt; die Kette muss vom Server zur CA hin geordnet sein`, en: `certificate ${i + 1} did not issue certificate ${i}; the chain must run from the server towards the CA` }) });
    }
  }
  if (!leaf.checkPrivateKey(key!)) {
    issues.push({ path: 'key', message: say({ de: 'Der Schlüssel gehört nicht zum (ersten) Zertifikat', en: 'the key does not belong to the (first) certificate' }) });
  }
  const validFrom = new Date(leaf.validFrom);
  const validTo = new Date(leaf.validTo);
  if (validTo <= now) {
    issues.push({ path: 'certificate', message: say({ de: `Das Zertifikat ist abgelaufen (gültig bis ${validTo.toISOString()})`, en: `the certificate has expired (valid until ${validTo.toISOString()})` }) });
  } else if (validFrom > now) {
    issues.push({ path: 'certificate', message: say({ de: `Das Zertifikat gilt erst ab ${validFrom.toISOString()}`, en: `the certificate is valid only from ${validFrom.toISOString()}` }) });
  }
  const names = (leaf.subjectAltName ?? '').split(', ').filter((n) => /^(DNS|IP Address):/.test(n));
  if (names.length === 0) {
    issues.push({ path: 'certificate', message: say({ de: 'Das Zertifikat nennt keinen Host-Namen und keine Adresse (subjectAltName); Browser lehnen es ab', en: 'the certificate names no host or address (subjectAltName); browsers refuse it' }) });
  }
  if (issues.length > 0) return { ok: false, issues };
  try {
    createSecureContext({ cert: pair.certificate, key: pair.key });
  } catch (error) {
    return { ok: false, issues: [{ path: 'certificate', message: say({ de: `TLS nimmt das Paar nicht an: ${(error as Error).message}`, en: `TLS does not accept the pair: ${(error as Error).message}` }) }] };
  }
  return { ok: true, info: describeCertificate(pair.certificate) };
}
