import type { Language } from '../http/language.js';
import type { CallHistoryRow } from './history.repository.js';

/** The CSV's columns: header in both languages, and the cell of a row. */
const COLUMNS: { de: string; en: string; cell(row: CallHistoryRow, language: Language): string }[] = [
  { de: 'Beginn', en: 'Started', cell: (r) => new Date(r.started_at).toISOString() },
  { de: 'Ende', en: 'Ended', cell: (r) => new Date(r.ended_at).toISOString() },
  { de: 'Richtung', en: 'Direction', cell: (r, l) => DIRECTIONS[r.direction][l] },
  { de: 'Anrufer', en: 'Caller', cell: (r) => r.caller },
  { de: 'Anrufername', en: 'Caller name', cell: (r) => r.caller_name },
  { de: 'Angerufen', en: 'Called', cell: (r) => r.called },
  { de: 'Ergebnis', en: 'Outcome', cell: (r, l) => OUTCOMES[r.outcome][l] },
  { de: 'Angenommen von', en: 'Answered by', cell: (r) => r.answered_by ?? '' },
  { de: 'Wartezeit (s)', en: 'Wait (s)', cell: (r) => (r.wait_ms === null ? '' : seconds(r.wait_ms)) },
  { de: 'Gesprächszeit (s)', en: 'Talk time (s)', cell: (r) => seconds(r.talk_ms) },
  { de: 'Warteschlange', en: 'Queue', cell: (r) => r.queue_id ?? '' },
  { de: 'Leitung', en: 'Trunk', cell: (r) => r.trunk_id ?? '' },
  { de: 'Ablauf', en: 'Flow', cell: (r) => r.flow_id ?? '' },
  { de: 'Ablaufversion', en: 'Flow version', cell: (r) => (r.flow_version === null ? '' : String(r.flow_version)) },
  { de: 'Mailbox', en: 'Mailbox', cell: (r) => r.voicemail_box ?? '' },
  { de: 'Weitergeleitet an', en: 'Transferred to', cell: (r) => r.transferred_to ?? '' },
  { de: 'Anruf-ID', en: 'Call id', cell: (r) => r.linkedid },
];

const OUTCOMES: Record<CallHistoryRow['outcome'], { de: string; en: string }> = {
  answered: { de: 'angenommen', en: 'answered' },
  missed: { de: 'verpasst', en: 'missed' },
  abandoned: { de: 'aufgelegt', en: 'abandoned' },
  voicemail: { de: 'Mailbox', en: 'voicemail' },
  busy: { de: 'besetzt', en: 'busy' },
  failed: { de: 'fehlgeschlagen', en: 'failed' },
};

const DIRECTIONS: Record<CallHistoryRow['direction'], { de: string; en: string }> = {
  inbound: { de: 'eingehend', en: 'inbound' },
  outbound: { de: 'ausgehend', en: 'outbound' },
  internal: { de: 'intern', en: 'internal' },
};

/** Seconds with one decimal; German with a decimal comma would split a comma-separated cell's meaning for tools, so always a point. */
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/**
 * One CSV cell (RFC 4180: quoted when it holds a comma, quote or line break). A cell a spreadsheet
 * would read as a formula (= + - @, or a tab or CR that some strip before) gets a leading
 * apostrophe, as OWASP advises: a caller name "=HYPERLINK(...)" stays text in Excel and
 * LibreOffice. A plain international number (+4930...) is no formula and stays as it is.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^\+[0-9]+$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The CSV as lines: a BOM (so Excel reads UTF-8) and the header in `language`, then a chunk of rows per line batch. */
export async function* callCsvLines(chunks: AsyncIterable<CallHistoryRow[]>, language: Language): AsyncGenerator<string, void, undefined> {
  yield `\ufeff${COLUMNS.map((c) => csvCell(c[language])).join(',')}\r\n`;
  for await (const rows of chunks) {
    yield rows.map((row) => `${COLUMNS.map((c) => csvCell(c.cell(row, language))).join(',')}\r\n`).join('');
  }
}
