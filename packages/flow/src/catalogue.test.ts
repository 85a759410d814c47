import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeCatalogue } from './catalogue.js';
import { flowJsonSchemaText } from './json-schema.js';
import { parseFlow } from './parse.js';
import { validateFlow } from './validate.js';

const root = join(import.meta.dirname, '..', '..', '..');

describe('node catalogue', () => {
  it('describes every node type with labels in both languages', () => {
    for (const d of nodeCatalogue) {
      expect(d.label.de && d.label.en && d.description.de && d.description.en, d.type).toBeTruthy();
      const shape = (d.params as unknown as { shape?: Record<string, unknown> }).shape;
      for (const key of Object.keys(shape ?? {})) expect(d.paramLabels[key], `${d.type}.${key}`).toBeDefined();
    }
  });

  it('has the node types the product promises', () => {
    expect(nodeCatalogue.map((d) => d.type)).toEqual([
      'Start', 'Play', 'Menu', 'CollectDigits', 'Condition', 'SetVariable', 'HttpRequest', 'TimeCondition', 'Dial',
      'Queue', 'Voicemail', 'Conference', 'Record', 'TransferExternal', 'GotoFlow', 'Language', 'Hangup',
    ]);
  });
});

describe('JSON Schema export', () => {
  it('is up to date (run `pnpm --filter @stumpfworks/flow schema` after changing the schema)', () => {
    const file = readFileSync(join(import.meta.dirname, '..', 'schema', 'flow.schema.json'), 'utf8');
    expect(file).toBe(flowJsonSchemaText());
  });
});

describe('examples', () => {
  const files = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.flow.json'));
  it.each(files)('%s parses and validates without diagnostics', (file) => {
    const result = parseFlow(readFileSync(join(root, 'examples', file), 'utf8'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(validateFlow(result.flow)).toEqual([]);
  });
});
