import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { AppError } from '../errors.js';
import { say } from '../http/language.js';
import { checkCertificatePair, describeCertificate, type CertificateInfo, type CertificatePair } from './certificate.js';
import { generateSelfSigned } from './generate.js';

/** Where the certificate comes from: DATA_DIR/tls (generated or uploaded; in backups) or TLS_CERT_FILE/TLS_KEY_FILE. */
export type CertificateSource = 'data-dir' | 'files';

/** What the TLS server swaps its context with (node's https.Server.setSecureContext). */
export interface SecureContextSink {
  setSecureContext(options: { cert: string; key: string }): void;
}

export interface HttpsCertificateOptions {
  dataDir: string;
  /** TLS_CERT_FILE/TLS_KEY_FILE: the admin's files, read at start; then upload and generation are refused. */
  files?: { certificate: string; key: string };
  /** The names a generated certificate is for (tls/local-names.ts). */
  names: () => string[];
  now?: () => Date;
  log: (line: string) => void;
}

/** A generated certificate this close to its end is replaced at the next start. */
const RENEW_DAYS = 30;

/**
 * The certificate the HTTPS server serves, and its replacement without a restart: an upload
 * (checked by checkCertificatePair) or a newly generated self-signed one is written to
 * DATA_DIR/tls/{certificate,key}.pem (the key 0600; each through a rename, so a crash leaves the
 * old file or the new one) and handed to the listening server's setSecureContext.
 */
export class HttpsCertificate {
  private pair: CertificatePair;
  private described: CertificateInfo;
  private server: SecureContextSink | undefined;

  private constructor(
    private readonly options: HttpsCertificateOptions,
    pair: CertificatePair,
  ) {
    this.pair = pair;
    this.described = describeCertificate(pair.certificate);
  }

  /**
   * Reads the certificate (files, else DATA_DIR/tls). Generates one where there is none, and
   * replaces a self-signed one within 30 days of its end, and any pair TLS cannot serve (e.g. a
   * key of another certificate): the server must start. A CA's certificate that TLS can serve is
   * kept even when expired, with the reason in the log.
   */
  static async load(options: HttpsCertificateOptions): Promise<HttpsCertificate> {
    const now = (options.now ?? (() => new Date()))();
    if (options.files) {
      const pair = { certificate: readFileSync(options.files.certificate, 'utf8'), key: readFileSync(options.files.key, 'utf8') };
      const checked = checkCertificatePair(pair, now);
      if (!servable(pair)) {
        throw new Error(`TLS_CERT_FILE/TLS_KEY_FILE cannot be served: ${checked.ok ? 'TLS refuses the pair' : checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      }
      // Served even so (an expired certificate beats no HTTPS until someone renews the files), but said.
      if (!checked.ok) for (const issue of checked.issues) options.log(`[https] ${options.files[issue.path === 'key' ? 'key' : 'certificate']}: ${issue.message}`);
      return new HttpsCertificate(options, pair);
    }
    const dir = join(options.dataDir, 'tls');
    const certificateFile = join(dir, 'certificate.pem');
    const keyFile = join(dir, 'key.pem');
    if (existsSync(certificateFile) && existsSync(keyFile)) {
      const pair = { certificate: readFileSync(certificateFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
      const checked = checkCertificatePair(pair, new Date(now.getTime() + RENEW_DAYS * 86_400_000));
      if (checked.ok) return new HttpsCertificate(options, pair);
      if (servable(pair) && !describeCertificate(pair.certificate).selfSigned) {
        // An uploaded certificate the admin must renew (or one that names nothing): kept, served, and the reason logged.
        const today = checkCertificatePair(pair, now);
        const reasons = today.ok ? [`it expires on ${describeCertificate(pair.certificate).validTo}`] : today.issues.map((i) => i.message);
        for (const reason of reasons) options.log(`[https] ${certificateFile}: ${reason}`);
        return new HttpsCertificate(options, pair);
      }
      options.log(`[https] the certificate in ${dir} is replaced by a new self-signed one: ${checked.issues.map((i) => i.message).join('; ')}`);
    }
    const pair = await generateSelfSigned(options.names(), now);
    writePair(dir, pair);
    const created = new HttpsCertificate(options, pair);
    options.log(`[https] generated a self-signed certificate in ${dir} for ${created.described.names.join(', ')} (SHA-256 ${created.described.fingerprint256})`);
    return created;
  }

  /** The PEM chain and key for the TLS server's options. */
  get current(): CertificatePair {
    return this.pair;
  }

  get info(): CertificateInfo & { source: CertificateSource } {
    return { ...this.described, source: this.options.files ? 'files' : 'data-dir' };
  }

  /** The listening server whose context replacements go to. */
  attach(server: SecureContextSink): void {
    this.server = server;
  }

  /** Serves `pair` from now on (new connections), after checking it; 422 with the fields' problems, 409 with TLS_CERT_FILE set. */
  replace(pair: CertificatePair): CertificateInfo & { source: CertificateSource } {
    this.refuseWithFiles();
    const checked = checkCertificatePair(pair, (this.options.now ?? (() => new Date()))());
    if (!checked.ok) {
      throw new AppError('validation', say({ de: 'Zertifikat oder Schlüssel sind nicht verwendbar', en: 'the certificate or the key cannot be used' }), { issues: checked.issues });
    }
    this.swap({ certificate: normalised(pair.certificate), key: normalised(pair.key) });
    return this.info;
  }

  /** Generates a new self-signed certificate for the machine's current names and serves it. */
  async regenerate(): Promise<CertificateInfo & { source: CertificateSource }> {
    this.refuseWithFiles();
    this.swap(await generateSelfSigned(this.options.names(), (this.options.now ?? (() => new Date()))()));
    return this.info;
  }

  private swap(pair: CertificatePair): void {
    // The server first: should it refuse the pair, the files keep the one it serves.
    this.server?.setSecureContext({ cert: pair.certificate, key: pair.key });
    writePair(join(this.options.dataDir, 'tls'), pair);
    this.pair = pair;
    this.described = describeCertificate(pair.certificate);
    this.options.log(`[https] now serving the certificate ${this.described.subject} (SHA-256 ${this.described.fingerprint256})`);
  }

  private refuseWithFiles(): void {
    if (!this.options.files) return;
    throw new AppError(
      'conflict',
      say({
        de: 'Das Zertifikat kommt aus TLS_CERT_FILE/TLS_KEY_FILE; bitte diese Dateien ersetzen und den Server neu starten',
        en: 'the certificate comes from TLS_CERT_FILE/TLS_KEY_FILE; replace those files and restart the server',
      }),
    );
  }
}

/** Whether node's TLS takes the pair (it parses, and the key is the certificate's). */
function servable(pair: CertificatePair): boolean {
  try {
    createSecureContext({ cert: pair.certificate, key: pair.key });
    return true;
  } catch {
    return false; // the caller replaces it and logs the checker's reasons
  }
}

/** PEM as stored: Unix line ends, one final newline. */
function normalised(pem: string): string {
  return `${pem.replace(/\r\n/g, '\n').trim()}\n`;
}

/** Writes the pair into `dir` (0700): each file through a temporary one and a rename; the key 0600. */
function writePair(dir: string, pair: CertificatePair): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [name, text, mode] of [['key.pem', pair.key, 0o600], ['certificate.pem', pair.certificate, 0o644]] as const) {
    const temporary = join(dir, `.${name}.new`);
    writeFileSync(temporary, text, { mode });
    chmodSync(temporary, mode);
    renameSync(temporary, join(dir, name));
  }
}
