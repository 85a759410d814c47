import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypes } from './openapi-types.js';

describe("the web app's API types", () => {
  it('are generated from the current spec (run `pnpm gen:api` after changing a route or schema)', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    // Not toBe: a stale file would print both 5,000-line texts.
    expect(committed === (await apiTypes()), `${API_TYPES_FILE} is stale: run \`pnpm gen:api\` and commit it`).toBe(true);
  });
});
