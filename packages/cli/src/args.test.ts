import { describe, expect, it } from 'vitest';
import { checkOptions, countOption, parseArgs, type OptionSpec } from './args.js';

const specs: Record<string, OptionSpec> = {
  validate: { valued: ['library', 'lang'], flags: ['help'] },
  simulate: { valued: ['library', 'lang', 'events', 'at'], flags: ['help', 'json'] },
};
const valued = ['library', 'lang', 'events', 'at'];

/** The usage error `checkOptions` throws for a command line, or undefined. */
function refusal(...argv: string[]): { message: string; exitCode: number } | undefined {
  const args = parseArgs(argv, valued);
  try {
    checkOptions(args, specs[args.command!]!, specs);
    return undefined;
  } catch (error) {
    return { message: (error as Error).message, exitCode: (error as { exitCode: number }).exitCode };
  }
}

describe('options', () => {
  it('takes values inline or as the next word, among the positionals', () => {
    const args = parseArgs(['simulate', '--events=1,2', 'x.flow.json', '--at', '2026-06-03T10:00', '--json'], valued);
    expect(args).toEqual({
      command: 'simulate',
      positional: ['x.flow.json'],
      options: new Map<string, string | true>([['events', '1,2'], ['at', '2026-06-03T10:00'], ['json', true]]),
    });
    expect(refusal('simulate', 'x', '--events=1,2', '--json')).toBeUndefined();
  });

  it('refuses an unknown option with exit 2, naming the one meant when it is close', () => {
    expect(refusal('simulate', 'x', '--event', '2,busy')).toEqual({ message: '--event: unknown option; did you mean --events?', exitCode: 2 });
    expect(refusal('simulate', 'x', '--jsn')).toMatchObject({ message: '--jsn: unknown option; did you mean --json?' });
    expect(refusal('simulate', 'x', '--lib=dir')).toMatchObject({ message: '--lib: unknown option; did you mean --library?' });
    expect(refusal('simulate', 'x', '--verbose')).toMatchObject({ message: '--verbose: unknown option' });
    expect(refusal('simulate', 'x', '--flows', 'dir')).toMatchObject({ message: '--flows: unknown option; did you mean --library?' });
  });

  it("names the commands that take another command's option", () => {
    expect(refusal('validate', 'x', '--json')).toEqual({ message: '--json: not an option of validate, only of simulate', exitCode: 2 });
  });

  it('refuses a value for a flag, a missing value and an option given twice', () => {
    expect(refusal('simulate', 'x', '--json=yes')).toMatchObject({ message: '--json takes no value' });
    expect(() => parseArgs(['simulate', 'x', '--at'], valued)).toThrow('--at needs a value');
    expect(() => parseArgs(['simulate', '--lang', 'de', '--lang', 'en'], valued)).toThrow('--lang is given twice');
  });

  it('reads a bound as a whole number within its range', () => {
    const args = parseArgs(['paths', '--limit', '50', '--max-events', '0', '--max-visits', '2.5'], ['limit', 'max-events', 'max-visits']);
    expect(countOption(args, 'limit', 10_000, 1_000_000)).toBe(50);
    expect(countOption(args, 'other', 12, 100)).toBe(12);
    expect(() => countOption(args, 'max-events', 12, 100)).toThrow('--max-events must be a whole number from 1 to 100, not "0"');
    expect(() => countOption(args, 'max-visits', 3, 20)).toThrow('not "2.5"');
  });
});
