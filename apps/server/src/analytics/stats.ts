/**
 * The 90th percentile by nearest rank: the smallest value that at least 90 % of the values are at
 * or below (of 10 waits, the 9th shortest). Undefined for no values. Sorts `values` in place.
 *
 * @example
 * p90([5, 1, 9, 3, 7, 2, 8, 4, 6, 10]); // 9
 */
export function p90(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  values.sort((a, b) => a - b);
  return values[Math.ceil(values.length * 0.9) - 1];
}

/** The whole-millisecond mean, undefined for none. */
export function average(sum: number, count: number): number | undefined {
  return count === 0 ? undefined : Math.round(sum / count);
}
