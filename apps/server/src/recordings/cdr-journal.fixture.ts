import { CDR_FIELDS, type CdrRecord } from './cdr-journal.js';

/** A journal record as cdr_custom writes it (asterisk/conf/cdr_custom.conf: every field quoted, a quote doubled). */
export function journalLine(fields: Partial<CdrRecord>): string {
  const values = CDR_FIELDS.map((name) => fields[name] ?? '');
  return `${['v1', ...values].map((v) => `"${v.replace(/"/g, '""')}"`).join(',')}\n`;
}
