import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSelfSigned } from './generate.js';
import { HttpsCertificate } from './https-certificate.js';
import { createTestCa } from './test-ca.fixture.js';

const DAY = 86_400_000;
const NOW = new Date('2026-12-07T06:00:00Z');

describe('the certificate at start (DATA_DIR/tls)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dataDirWith = (pair?: { certificate: string; key: string }) => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-tls-'));
    dirs.push(dir);
    if (pair) {
      mkdirSync(join(dir, 'tls'));
      writeFileSync(join(dir, 'tls', 'certificate.pem'), pair.certificate);
      writeFileSync(join(dir, 'tls', 'key.pem'), pair.key);
    }
    return dir;
  };
  const load = (dataDir: string, now: Date, log: string[]) => HttpsCertificate.load({ dataDir, names: () => ['localhost', '127.0.0.1'], now: () => now, log: (line) => log.push(line) });

  it('keeps a generated certificate until 30 days before its end, then replaces it', async () => {
    const old = await generateSelfSigned(['localhost'], NOW);
    const log: string[] = [];
    const kept = await load(dataDirWith(old), new Date(NOW.getTime() + 300 * DAY), log);
    expect([kept.current.certificate, log]).toEqual([old.certificate, []]);
    const dir = dataDirWith(old);
    const renewed = await load(dir, new Date(NOW.getTime() + 370 * DAY), log);
    expect(renewed.current.certificate).not.toBe(old.certificate);
    expect(readFileSync(join(dir, 'tls', 'certificate.pem'), 'utf8')).toBe(renewed.current.certificate);
    expect(log).toEqual([expect.stringMatching(/is replaced by a new self-signed one: the certificate has expired/), expect.stringMatching(/^\[https\] generated a self-signed certificate/)]);
  });

  it('replaces a pair whose key is another certificate’s (the server must start)', async () => {
    const ca = await createTestCa();
    const one = await ca.issue(['pbx.example.org']);
    const other = await ca.issue(['pbx.example.org']);
    const log: string[] = [];
    const loaded = await load(dataDirWith({ certificate: one.certificate, key: other.key }), NOW, log);
    expect(loaded.info.selfSigned).toBe(true);
    expect(log[0]).toMatch(/replaced by a new self-signed one: the key does not belong/);
  });

  it('keeps and serves an uploaded certificate near or past its end, and says so', async () => {
    const ca = await createTestCa();
    const pair = await ca.issue(['pbx.example.org'], { from: new Date(NOW.getTime() - 80 * DAY), days: 90 });
    const log: string[] = [];
    const soon = await load(dataDirWith(pair), NOW, log);
    expect([soon.current.certificate, log]).toEqual([pair.certificate, [expect.stringMatching(/: it expires on 2026-12-17T06:00:00\.000Z$/)]]);
    log.length = 0;
    await load(dataDirWith(pair), new Date(NOW.getTime() + 20 * DAY), log);
    expect(log).toEqual([expect.stringMatching(/: the certificate has expired \(valid until 2026-12-17/)]);
  });
});
