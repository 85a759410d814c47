/** `pnpm gen:api`: writes the web app's API types (apps/web/src/api/schema.gen.ts) from the server's OpenAPI spec. */
import { writeFileSync } from 'node:fs';
import { API_TYPES_FILE, apiTypes } from '../apps/server/src/http/openapi-types.js';

writeFileSync(API_TYPES_FILE, await apiTypes());
console.log(`wrote ${API_TYPES_FILE}`);
