import { spawnSync } from 'node:child_process';

/** What sox says of an audio file: channels, sample rate, seconds. */
export function soxInfo(file: string): { channels: number; rate: number; seconds: number } {
  const ask = (flag: string) => Number(spawnSync('soxi', [flag, file], { encoding: 'utf8' }).stdout.trim());
  return { channels: ask('-c'), rate: ask('-r'), seconds: ask('-D') };
}

/** The RMS amplitude of an audio file (sox stat): near 0 for silence, about 0.17 for the tests' tone. */
export function rms(file: string): number {
  const out = spawnSync('sox', [file, '-n', 'stat'], { encoding: 'utf8' }).stderr;
  return Number(/RMS\s+amplitude:\s+([0-9.]+)/.exec(out)?.[1] ?? NaN);
}
