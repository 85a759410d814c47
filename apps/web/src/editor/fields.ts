import type { NodeTypeDescription } from '@stumpfworks/flow';

type Schema = NodeTypeDescription['params'];

/** What kind of input the inspector shows for one param. */
export type FieldKind =
  | { kind: 'text' }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'select'; options: string[]; nullable: boolean }
  | { kind: 'list' }
  | { kind: 'prompt' }
  | { kind: 'json' };

interface Def {
  type: string;
  innerType?: Schema;
  options?: Schema[];
  entries?: Record<string, string>;
  values?: unknown[];
  element?: Schema;
  shape?: Record<string, Schema>;
  discriminator?: string;
  checks?: Array<{ _zod: { def: { check: string; value?: number; inclusive?: boolean } } }>;
}

const defOf = (schema: Schema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: Schema): { schema: Schema; nullable: boolean } {
  let current = schema;
  let nullable = false;
  for (;;) {
    const def = defOf(current);
    if ((def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) {
      if (def.type === 'nullable') nullable = true;
      current = def.innerType;
    } else return { schema: current, nullable };
  }
}

/** The object schema of a node's params, for the given current values (a discriminated union picks its option). */
export function paramShape(params: Schema, values: Record<string, unknown>): Record<string, Schema> {
  const def = defOf(unwrap(params).schema);
  if (def.type === 'object' && def.shape) return def.shape;
  if (def.type === 'union' && def.options) {
    const key = def.discriminator;
    const shapes = def.options.map((o) => defOf(o).shape ?? {});
    const match = key ? shapes.find((s) => literalValues(s[key]).includes(values[key] as string)) : undefined;
    const shape = { ...(match ?? shapes[0] ?? {}) };
    if (key) {
      // The discriminator becomes a select over every option's literal.
      shape[key] = { _zod: { def: { type: 'enum', entries: Object.fromEntries(shapes.flatMap((s) => literalValues(s[key]).map((v) => [v, v]))) } } } as unknown as Schema;
    }
    return shape;
  }
  return {};
}

function literalValues(schema: Schema | undefined): string[] {
  if (!schema) return [];
  const def = defOf(schema);
  return def.type === 'literal' ? (def.values ?? []).map(String) : [];
}

/** The inspector input for a param schema. */
export function fieldKind(key: string, schema: Schema): FieldKind {
  if (key === 'prompt') return { kind: 'prompt' };
  const { schema: inner, nullable } = unwrap(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'string':
      return { kind: 'text' };
    case 'number': {
      const field: { kind: 'number'; min?: number; max?: number } = { kind: 'number' };
      for (const check of def.checks ?? []) {
        const c = check._zod.def;
        if (c.check === 'greater_than' && c.value !== undefined) field.min = c.value;
        if (c.check === 'less_than' && c.value !== undefined) field.max = c.value;
      }
      return field;
    }
    case 'enum':
      return { kind: 'select', options: Object.values(def.entries ?? {}), nullable };
    case 'array': {
      const element = def.element ? defOf(unwrap(def.element).schema).type : '';
      return element === 'string' || element === 'union' ? { kind: 'list' } : { kind: 'json' };
    }
    case 'union': {
      const kinds = (def.options ?? []).map((o) => defOf(unwrap(o).schema).type);
      return kinds.every((k) => k === 'string' || k === 'literal') ? { kind: 'text' } : { kind: 'json' };
    }
    default:
      return { kind: 'json' };
  }
}
