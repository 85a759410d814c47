/** Milliseconds as seconds with one decimal, or a dash for none. */
export function seconds(ms: number | null): string {
  return ms === null ? '–' : (ms / 1000).toFixed(1);
}

/** A share (0-1) as a whole percentage, or a dash for none. */
export function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)} %`;
}

/** The local date and time of a bucket's start (`2026-10-25T02:00:00+01:00`) as a short label for its granularity. */
export function bucketLabel(start: string, granularity: 'hour' | 'day' | 'week'): string {
  const date = `${start.slice(8, 10)}.${start.slice(5, 7)}.`;
  return granularity === 'hour' ? `${date} ${start.slice(11, 16)}` : date;
}

/** A count as the UI language writes it (4.270 in German, 4,270 in English), whatever the browser's locale. */
export function count(n: number, language: 'de' | 'en'): string {
  return n.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB');
}
