import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.js';

describe('parseEnv', () => {
  it('fills in the defaults', () => {
    const result = parseEnv({});
    expect(result.ok && result.env).toMatchObject({ PORT: 8090, HOST: '127.0.0.1', DATA_DIR: './.data' });
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
