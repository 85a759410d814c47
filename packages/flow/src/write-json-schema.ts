/** Writes schema/flow.schema.json from the zod schema: `pnpm --filter @stumpfworks/flow schema`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flowJsonSchemaText } from './json-schema.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'flow.schema.json');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, flowJsonSchemaText());
console.log(`wrote ${target}`);
