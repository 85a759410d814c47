import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.js';

describe('parseEnv', () => {
  it('fills in the defaults', () => {
    const result = parseEnv({});
    expect(result.ok && result.env).toMatchObject({ PORT: 8090, HOST: '127.0.0.1', DATA_DIR: './.data' });
  });

  it('limits failed authentications to 30 a minute per address unless set, and reads the trusted proxies', () => {
    const defaults = parseEnv({});
    expect(defaults.ok && defaults.env).toMatchObject({ AUTH_FAILURE_LIMIT: 30, AUTH_FAILURE_WINDOW_SECONDS: 60, TRUSTED_PROXIES: [] });
    const set = parseEnv({ AUTH_FAILURE_LIMIT: '5', AUTH_FAILURE_WINDOW_SECONDS: '300', TRUSTED_PROXIES: '127.0.0.1, ::1,' });
    expect(set.ok && set.env).toMatchObject({ AUTH_FAILURE_LIMIT: 5, AUTH_FAILURE_WINDOW_SECONDS: 300, TRUSTED_PROXIES: ['127.0.0.1', '::1'] });
    const bad = parseEnv({ AUTH_FAILURE_LIMIT: '0', TRUSTED_PROXIES: '127.0.0.1,proxy.lan' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.message).toContain('AUTH_FAILURE_LIMIT');
      expect(bad.message).toContain('TRUSTED_PROXIES');
    }
  });

  it('serves HTTPS on 8443 unless HTTPS_PORT says otherwise, and takes TLS_CERT_FILE and TLS_KEY_FILE only together', () => {
    expect(parseEnv({}).ok && (parseEnv({}) as { env: { HTTPS_PORT: unknown } }).env.HTTPS_PORT).toBe(8443);
    expect(parseEnv({ HTTPS_PORT: 'off' })).toMatchObject({ ok: true, env: { HTTPS_PORT: 'off' } });
    expect(parseEnv({ HTTPS_PORT: '9443' })).toMatchObject({ ok: true, env: { HTTPS_PORT: 9443 } });
    expect(parseEnv({ HTTPS_PORT: 'on' }).ok).toBe(false);
    expect(parseEnv({ TLS_CERT_FILE: '/etc/ssl/pbx.pem', TLS_KEY_FILE: '/etc/ssl/pbx.key' })).toMatchObject({ ok: true, env: { TLS_CERT_FILE: '/etc/ssl/pbx.pem' } });
    expect(parseEnv({ TLS_CERT_FILE: '/etc/ssl/pbx.pem' })).toEqual({ ok: false, message: 'invalid environment:\n  TLS_KEY_FILE: TLS_CERT_FILE and TLS_KEY_FILE go together' });
  });

  it('names every bad variable', () => {
    const result = parseEnv({ PORT: 'eighty', NAS_API_URL: 'not a url' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('PORT');
      expect(result.message).toContain('NAS_API_URL');
    }
  });
});
