/** A cell of a CSV file: text or a number (null: empty). */
export type Cell = string | number | null;

/**
 * One cell as RFC 4180 writes it: quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (= + - @ at the start: a node id or key someone typed) gets a
 * leading apostrophe, so opening the file never evaluates it.
 */
function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A CSV file: the header row and the rows, CRLF line ends, with a UTF-8 byte order mark so
 * spreadsheet programs read umlauts right.
 *
 * @example toCsv(['Tag', 'Anrufe'], [['2026-11-02', 412]]) // '\uFEFFTag,Anrufe\r\n2026-11-02,412\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(cellText).join(',')).join('\r\n')}\r\n`;
}

/** Lets the browser save `csv` as `name` (a Blob URL, no round trip to the server). */
export function downloadCsv(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
