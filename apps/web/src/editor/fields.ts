import type { NodeTypeDescription } from '@stumpfworks/flow';

type Schema = NodeTypeDescription['params'];

/** What kind of input the inspector shows for one param. */
export type FieldKind =
  | { kind: 'text' }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'select'; options: string[]; nullable: boolean }
  | { kind: 'list' }
  | { kind: 'prompt' }
  /** A list of objects with two text fields (a response mapping): one `first = second` per line. */
  | { kind: 'pairs'; keys: [string, string] }
  /** Weekly opening hours (`{days, from, to}` rules): weekday boxes and two time inputs per rule. */
  | { kind: 'hours' }
  /** Special dates (`{date, until, open}`): one per line, `2026-12-31 08:00-13:00` or `2026-08-10..2026-08-21`. */
  | { kind: 'dates' }
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
      const element = def.element ? defOf(unwrap(def.element).schema) : undefined;
      if (element?.type === 'string' || element?.type === 'union') return { kind: 'list' };
      const keys = Object.keys(element?.shape ?? {});
      if (['days', 'from', 'to'].every((k) => keys.includes(k)) && keys.length === 3) return { kind: 'hours' };
      if (['date', 'until', 'open'].every((k) => keys.includes(k)) && keys.length === 3) return { kind: 'dates' };
      const texts = keys.every((k) => defOf(unwrap(element!.shape![k]!).schema).type === 'string');
      return element?.type === 'object' && keys.length === 2 && texts ? { kind: 'pairs', keys: [keys[0]!, keys[1]!] } : { kind: 'json' };
    }
    case 'union': {
      const kinds = (def.options ?? []).map((o) => defOf(unwrap(o).schema).type);
      return kinds.every((k) => k === 'string' || k === 'literal') ? { kind: 'text' } : { kind: 'json' };
    }
    default:
      return { kind: 'json' };
  }
}

/** A list of pairs as text for the inspector: `TIER = customer.tier`, one per line. */
export function pairsToText(value: unknown, [first, second]: [string, string]): string {
  if (!Array.isArray(value)) return '';
  return value.map((item: Record<string, unknown>) => `${String(item[first] ?? '')} = ${String(item[second] ?? '')}`).join('\n');
}

/** The pairs a text gives back: blank lines are skipped; a line without `=` has an empty second field (validation reports it). */
export function textToPairs(text: string, [first, second]: [string, string]): Array<Record<string, string>> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const at = line.indexOf('=');
      return at < 0 ? { [first]: line, [second]: '' } : { [first]: line.slice(0, at).trim(), [second]: line.slice(at + 1).trim() };
    });
}

/** One opening-hours rule as the inspector edits it. */
export interface HoursRule {
  days: number[];
  from: string;
  to: string;
}

/** The rules of a `weekly` value (anything else: none). */
export function hoursRules(value: unknown): HoursRule[] {
  if (!Array.isArray(value)) return [];
  return value.map((r: Partial<HoursRule>) => ({
    days: Array.isArray(r.days) ? r.days.filter((d) => typeof d === 'number') : [],
    from: typeof r.from === 'string' ? r.from : '',
    to: typeof r.to === 'string' ? r.to : '',
  }));
}

/** `rules` with weekday `day` (1 = Monday) switched on or off in rule `index`, days kept in order. */
export function toggleDay(rules: HoursRule[], index: number, day: number, on: boolean): HoursRule[] {
  return rules.map((r, i) => (i !== index ? r : { ...r, days: on ? [...new Set([...r.days, day])].sort((a, b) => a - b) : r.days.filter((d) => d !== day) }));
}

/** One special date as the inspector edits it. */
interface SpecialDate {
  date: string;
  until?: string;
  open: Array<{ from: string; to: string }>;
}

/**
 * Special dates as text, one per line: the date (`..` and the last date for a range), then the
 * hours open on it separated by commas; no hours is closed all day. `2026-12-31 08:00-13:00`,
 * `2026-08-10..2026-08-21`.
 */
export function specialDatesToText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .map((d: Partial<SpecialDate>) => {
      const dates = d.until ? `${String(d.date ?? '')}..${d.until}` : String(d.date ?? '');
      const open = Array.isArray(d.open) ? d.open.map((h) => `${h.from}-${h.to}`).join(', ') : '';
      return open ? `${dates} ${open}` : dates;
    })
    .join('\n');
}

/**
 * The special dates a text gives back: blank lines are skipped; what does not read as a date or
 * as hours is kept as it was typed, so that validation names it (`a date like 2026-12-24`).
 */
export function textToSpecialDates(text: string): SpecialDate[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [dates = '', ...rest] = line.split(/\s+/);
      const [date = '', until] = dates.split('..');
      const open = rest
        .join(' ')
        .split(',')
        .map((h) => h.trim())
        .filter((h) => h !== '')
        .map((h) => {
          const at = h.indexOf('-');
          return at < 0 ? { from: h, to: '' } : { from: h.slice(0, at).trim(), to: h.slice(at + 1).trim() };
        });
      return until === undefined ? { date, open } : { date, until, open };
    });
}
