import { DialplanError } from '../errors.js';
import { GENERATED_HEADER } from '../compile.js';

/** One `[section]` of an Asterisk .conf file: `key = value` lines, in order. */
export interface ConfSection {
  name: string;
  comment?: string;
  /** Adds to a section of that name read before (`[name](+)`), e.g. one of the base config's. */
  extend?: boolean;
  entries: Array<[key: string, value: string | number | boolean]>;
}

/** Sorts by id so the output does not depend on the order the store returns. */
export function byId<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function value(v: string | number | boolean): string {
  const text = typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
  // `;` starts a comment in a .conf file; only the escaped `\;` (a literal semicolon to Asterisk) may pass.
  if (/[\r\n]/.test(text) || /(^|[^\\]);/.test(text)) throw new DialplanError('unsafe-text', `refusing to write ${JSON.stringify(text)} into a .conf file`);
  return text;
}

/** Prints sections as .conf text with the generated-file header; deterministic. */
export function renderConf(title: string, sections: ConfSection[]): string {
  const blocks = [`; ${GENERATED_HEADER}\n; ${title}`];
  for (const section of sections) {
    const lines = section.comment ? [`; ${section.comment.replace(/[\r\n]/g, ' ')}`] : [];
    lines.push(`[${value(section.name)}]${section.extend ? '(+)' : ''}`);
    for (const [k, v] of section.entries) lines.push(`${k} = ${value(v)}`);
    blocks.push(lines.join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}
