import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inLanguage } from '../http/language.js';
import { checkCertificatePair, describeCertificate } from './certificate.js';
import { generateSelfSigned, SELF_SIGNED_DAYS } from './generate.js';
import { localNames } from './local-names.js';
import { createTestCa } from './test-ca.fixture.js';

const NOW = new Date('2026-12-07T06:00:00Z');
const DAY = 86_400_000;
const paths = (checked: ReturnType<typeof checkCertificatePair>) => (checked.ok ? [] : checked.issues.map((i) => i.path));

describe('the self-signed certificate', () => {
  it('names localhost, the loopback addresses, the host and the LAN addresses, and is valid for 397 days', async () => {
    const names = localNames('pbx', {
      lo: [{ address: '127.0.0.1', family: 'IPv4', netmask: '255.0.0.0', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
      eth0: [
        { address: '192.168.1.20', family: 'IPv4', netmask: '255.255.255.0', mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.1.20/24' },
        { address: 'fe80::1', family: 'IPv6', netmask: 'ffff:ffff:ffff:ffff::', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
        { address: '2001:db8::20', family: 'IPv6', netmask: 'ffff:ffff:ffff:ffff::', mac: '02:00:00:00:00:01', internal: false, cidr: '2001:db8::20/64', scopeid: 0 },
      ],
    });
    expect(names).toEqual(['localhost', '127.0.0.1', '::1', 'pbx', 'pbx.local', '192.168.1.20', '2001:db8::20']);
    const pair = await generateSelfSigned(names, NOW);
    const checked = checkCertificatePair(pair, NOW);
    expect(checked.ok).toBe(true);
    const info = describeCertificate(pair.certificate);
    expect(info.names).toEqual([
      'DNS:localhost',
      'IP Address:127.0.0.1',
      'IP Address:0:0:0:0:0:0:0:1',
      'DNS:pbx',
      'DNS:pbx.local',
      'IP Address:192.168.1.20',
      'IP Address:2001:DB8:0:0:0:0:0:20',
    ]);
    expect(info.subject).toBe('CN=pbx, O=StumpfWorks VoIP (self-signed)');
    expect(info.selfSigned).toBe(true);
    expect(new Date(info.validTo).getTime() - NOW.getTime()).toBe(SELF_SIGNED_DAYS * DAY);
    expect(info.fingerprint256).toBe(new X509Certificate(pair.certificate).fingerprint256);
    expect(new X509Certificate(pair.certificate).ca).toBe(false);
  });

  it('leaves out a host name that is not one and never names localhost twice', () => {
    expect(localNames('bad name!', {})).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(localNames('localhost', {})).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(localNames('pbx.example.org', {})).toEqual(['localhost', '127.0.0.1', '::1', 'pbx.example.org']);
  });
});

describe('checking a certificate the admin provides', () => {
  it('accepts a CA-issued chain and describes it as not self-signed', async () => {
    const ca = await createTestCa();
    const pair = await ca.issue(['pbx.example.org', '192.0.2.10'], { from: new Date(NOW.getTime() - DAY) });
    const checked = checkCertificatePair(pair, NOW);
    expect(checked.ok && checked.info).toMatchObject({ subject: 'CN=pbx.example.org', issuer: 'CN=StumpfWorks Test CA', selfSigned: false, chainLength: 1, names: ['DNS:pbx.example.org', 'IP Address:192.0.2.10'] });
  });

  it('refuses what is not PEM, with the field and in both languages', () => {
    const checked = inLanguage('de', () => checkCertificatePair({ certificate: 'hello', key: 'world' }, NOW));
    expect(checked).toEqual({
      ok: false,
      issues: [
        { path: 'certificate', message: 'Kein Zertifikat im PEM-Format (-----BEGIN CERTIFICATE-----) gefunden' },
        { path: 'key', message: expect.stringMatching(/^Kein privater Schlüssel im PEM-Format: /) },
      ],
    });
    const english = checkCertificatePair({ certificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', key: 'world' }, NOW);
    expect(english.ok ? [] : english.issues.map((i) => [i.path, i.message.split(':')[0]])).toEqual([
      ['certificate', 'certificate 1 does not parse'],
      ['key', 'not a PEM private key'],
    ]);
  });

  it('refuses an encrypted key with the way to decrypt it', () => {
    const checked = checkCertificatePair({ certificate: 'x', key: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n' }, NOW);
    expect(checked.ok ? undefined : checked.issues.find((i) => i.path === 'key')?.message).toMatch(/encrypted with a passphrase; upload it unencrypted/);
  });

  it('refuses a key of another certificate', async () => {
    const ca = await createTestCa();
    const one = await ca.issue(['a.example.org']);
    const other = await ca.issue(['b.example.org']);
    const checked = checkCertificatePair({ certificate: one.certificate, key: other.key }, NOW);
    expect(checked).toEqual({ ok: false, issues: [{ path: 'key', message: 'the key does not belong to the (first) certificate' }] });
  });

  it('refuses an expired certificate and one not valid yet', async () => {
    const ca = await createTestCa();
    const pair = await ca.issue(['pbx.example.org'], { from: new Date(NOW.getTime() - 100 * DAY), days: 90 });
    const expired = inLanguage('de', () => checkCertificatePair(pair, NOW));
    expect(expired.ok ? [] : expired.issues).toEqual([{ path: 'certificate', message: `Das Zertifikat ist abgelaufen (gültig bis ${new Date(NOW.getTime() - 10 * DAY).toISOString()})` }]);
    const early = checkCertificatePair(pair, new Date(NOW.getTime() - 200 * DAY));
    expect(early.ok ? [] : early.issues[0]!.message).toMatch(/^the certificate is valid only from /);
  });

  it('refuses a certificate without subjectAltName, a CA first, and a chain out of order', async () => {
    const ca = await createTestCa();
    const bare = await ca.issue(['pbx.example.org'], { withoutNames: true });
    expect(checkCertificatePair(bare, NOW)).toEqual({ ok: false, issues: [{ path: 'certificate', message: 'the certificate names no host or address (subjectAltName); browsers refuse it' }] });
    const good = await ca.issue(['pbx.example.org']);
    const [leaf, caPem] = good.certificate.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    const reversed = checkCertificatePair({ certificate: `${caPem}\n${leaf}\n`, key: good.key }, NOW);
    expect(paths(reversed)).toEqual(['certificate', 'certificate', 'key', 'certificate']);
    expect(reversed.ok ? [] : reversed.issues.map((i) => i.message)).toEqual([
      'the first certificate is a CA certificate; the server’s own certificate must come first',
      'certificate 2 did not issue certificate 1; the chain must run from the server towards the CA',
      'the key does not belong to the (first) certificate',
      'the certificate names no host or address (subjectAltName); browsers refuse it',
    ]);
  });
});
