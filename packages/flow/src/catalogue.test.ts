import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nodeCatalogue, nodeTypeDescription } from './catalogue.js';
import { flowJsonSchemaText } from './json-schema.js';
import { parseFlow } from './parse.js';
import { validateFlow } from './validate/index.js';

const root = join(import.meta.dirname, '..', '..', '..');

describe('node catalogue', () => {
  it('describes every node type with labels in both languages', () => {
    for (const d of nodeCatalogue) {
      expect(d.label.de && d.label.en && d.description.de && d.description.en, d.type).toBeTruthy();
      const shape = (d.params as unknown as { shape?: Record<string, unknown> }).shape;
      for (const key of Object.keys(shape ?? {})) expect(d.paramLabels[key], `${d.type}.${key}`).toBeDefined();
    }
  });

  it('labels every value of every choice param in both languages, and only those values', () => {
    for (const d of nodeCatalogue) {
      const choices = choiceParams(d.params);
      const labels = nodeTypeDescription(d.type)!.valueLabels ?? {};
      expect(Object.keys(labels).sort(), `${d.type}: params with value labels`).toEqual(Object.keys(choices).sort());
      for (const [key, values] of Object.entries(choices)) {
        expect(Object.keys(labels[key] ?? {}).sort(), `${d.type}.${key}: labelled values`).toEqual([...values].sort());
        for (const value of values) {
          const label = labels[key]?.[value];
          expect(label?.de.trim() && label.en.trim(), `${d.type}.${key} = ${value}`).toBeTruthy();
        }
      }
    }
  });

  it('finds the choice params the inspector shows as dropdowns', () => {
    const keys = Object.fromEntries(nodeCatalogue.map((d) => [d.type, Object.keys(choiceParams(d.params))]).filter(([, k]) => k!.length > 0));
    expect(keys).toEqual({
      Start: ['language'],
      Menu: ['countRetries'],
      CollectDigits: ['terminator'],
      Condition: ['operator'],
      HttpRequest: ['method'],
      TimeCondition: ['holidays'],
      Dial: ['strategy'],
      Voicemail: ['greeting', 'instructions'],
      Record: ['action'],
      Consent: ['recording'],
      Language: ['language'],
    });
    expect(nodeTypeDescription('Dial')!.valueLabels?.strategy).toEqual({
      simultaneous: { de: 'alle gleichzeitig', en: 'all at once' },
      sequential: { de: 'nacheinander', en: 'one after the other' },
    });
  });

  it('seeds every node type so that a fresh node has valid params', () => {
    for (const d of nodeCatalogue) expect(d.params.safeParse(d.seed ?? {}).success, d.type).toBe(true);
  });

  it('has the node types the product promises', () => {
    expect(nodeCatalogue.map((d) => d.type)).toEqual([
      'Start', 'Play', 'Menu', 'CollectDigits', 'Condition', 'SetVariable', 'HttpRequest', 'TimeCondition', 'Dial',
      'Queue', 'Voicemail', 'Conference', 'Record', 'Consent', 'TransferExternal', 'GotoFlow', 'CallFlow', 'Return', 'Language', 'Hangup',
    ]);
  });
});

/**
 * The params of a node type whose value is one of a fixed set of strings, with those strings: enums
 * and literals (behind defaults, `nullable` and `optional`), and a discriminated union's discriminator.
 * A union with free text (`'callerId' | string`) is free text.
 */
function choiceParams(params: z.ZodType): Record<string, string[]> {
  const objects = params instanceof z.ZodUnion ? (params.options as z.ZodType[]) : [params];
  const byKey = new Map<string, Array<string[] | undefined>>();
  for (const object of objects) {
    if (!(object instanceof z.ZodObject)) throw new Error(`params must be an object or a union of objects, not ${object.constructor.name}`);
    for (const [key, schema] of Object.entries(object.shape as Record<string, z.ZodType>)) {
      byKey.set(key, [...(byKey.get(key) ?? []), choiceValues(schema)]);
    }
  }
  const choices: Record<string, string[]> = {};
  for (const [key, lists] of byKey) {
    if (lists.every((l) => l !== undefined)) choices[key] = [...new Set(lists.flat())];
  }
  return choices;
}

function choiceValues(schema: z.ZodType): string[] | undefined {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) {
    return choiceValues(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodEnum) return schema.options.map(String);
  if (schema instanceof z.ZodLiteral) return [...schema.values].map(String);
  if (schema instanceof z.ZodUnion) {
    const lists = (schema.options as z.ZodType[]).map(choiceValues);
    return lists.every((l) => l !== undefined) ? lists.flat() : undefined;
  }
  return undefined;
}

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
