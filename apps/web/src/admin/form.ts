/** The one form pattern of the admin pages: flat values by dotted path, to and from the API body. */

import type { TextKey, Translate } from '../i18n.js';

export type FieldKind = 'text' | 'number' | 'checkbox' | 'select' | 'list' | 'secret';
export type FormValues = Record<string, string | boolean>;
/** Messages by field path as the server sends them (its 422 issues); `''` holds the rest. */
export type FieldErrors = Record<string, string>;
/** The form's own checks by field path, as texts in both languages (shown in the UI language). */
export type FieldChecks = Record<string, TextKey>;

/** A select's choice: a value shown as it is (a provider's name), or one with a text in the UI language. */
export type FieldOption = string | { value: string; label: TextKey };

export interface FieldSpec {
  /** Dotted path into the API body, e.g. `voicemail.pin`; also the key of server 422 issues. */
  path: string;
  label: TextKey;
  kind: FieldKind;
  options?: readonly FieldOption[];
  /** Only editable when creating (the id). */
  createOnly?: boolean;
  hint?: TextKey;
}

/** The value of a select's choice. */
export const optionValue = (option: FieldOption): string => (typeof option === 'string' ? option : option.value);

/** A select's choice as shown in the UI language. */
export const optionText = (option: FieldOption, t: Translate): string => (typeof option === 'string' ? option : t(option.label));

/**
 * How a table shows a value of a select in the UI language: the text of its choice, or the value
 * itself when it is not among the choices (e.g. one stored by an older version of the server).
 */
export function optionLabel(options: readonly FieldOption[], value: string, t: Translate): string {
  const option = options.find((o) => optionValue(o) === value);
  return option === undefined ? value : optionText(option, t);
}

function at(body: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), body);
}

/** An item from the API as form values. */
export function toValues(fields: readonly FieldSpec[], item: unknown): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    const v = at(item, f.path);
    if (f.kind === 'checkbox') values[f.path] = v === true;
    else if (f.kind === 'list') values[f.path] = Array.isArray(v) ? v.join(', ') : '';
    else if (f.kind === 'secret') values[f.path] = '';
    else values[f.path] = v === undefined || v === null ? '' : String(v);
  }
  return values;
}

/** Form values as the API body: empty text is left out, numbers parsed, lists split at commas. */
export function toBody(fields: readonly FieldSpec[], values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = values[f.path];
    let value: unknown;
    if (f.kind === 'checkbox') value = raw === true;
    else if (typeof raw !== 'string' || raw.trim() === '') continue;
    else if (f.kind === 'number') value = Number(raw);
    else if (f.kind === 'list') value = raw.split(',').map((s) => s.trim()).filter(Boolean);
    else value = raw.trim();
    const keys = f.path.split('.');
    let target = body;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[keys[keys.length - 1]!] = value;
  }
  return body;
}

/** Server issues by the field they belong to; issues on unknown paths go under `''`. */
export function issuesByField(fields: readonly FieldSpec[], issues: readonly { path: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fields.find((f) => issue.path === f.path || issue.path.startsWith(`${f.path}.`) || issue.path.startsWith(`${f.path}[`));
    const key = field?.path ?? '';
    errors[key] = errors[key] ? `${errors[key]}; ${issue.message}` : issue.message;
  }
  return errors;
}
