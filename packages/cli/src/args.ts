import { CliError } from './load.js';

export interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  options: Map<string, string | true>;
}

/** The options one command takes: those with a value (`--at <ISO>`) and flags (`--json`). */
export interface OptionSpec {
  valued: readonly string[];
  flags: readonly string[];
}

/**
 * `--name value`, `--name=value` and `--flag` options, in any order among the positionals.
 * `valued` are the names that take a value in any command; which command takes which is
 * {@link checkOptions}' job, once the command is known.
 */
export function parseArgs(argv: string[], valued: readonly string[]): ParsedArgs {
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (options.has(name)) throw new CliError(`--${name} is given twice`, 2);
    if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new CliError(`--${name} needs a value`, 2);
      options.set(name, value);
    } else {
      if (inline !== undefined && inline !== '') options.set(name, inline);
      else options.set(name, true);
    }
  }
  return { command: positional.shift(), positional, options };
}

/** Options that were renamed: the error names the new one, however far apart the names are. */
const RENAMED: Record<string, string> = { flows: 'library' };

/**
 * Refuses every option the command does not take (exit code 2), naming the one meant when it is
 * close (`--event: unknown option; did you mean --events?`) or the commands that take it, and a
 * value given to a flag. `others` are every command's options.
 */
export function checkOptions(args: ParsedArgs, spec: OptionSpec, others: Record<string, OptionSpec>): void {
  const known = [...spec.valued, ...spec.flags];
  for (const [name, value] of args.options) {
    if (!known.includes(name)) {
      const takers = Object.entries(others).filter(([, other]) => other.valued.includes(name) || other.flags.includes(name));
      if (takers.length > 0) throw new CliError(`--${name}: not an option of ${args.command}, only of ${takers.map(([command]) => command).join(' and ')}`, 2);
      const meant = RENAMED[name] ?? closest(name, known);
      throw new CliError(`--${name}: unknown option${meant && known.includes(meant) ? `; did you mean --${meant}?` : ''}`, 2);
    }
    if (spec.flags.includes(name) && value !== true) throw new CliError(`--${name} takes no value`, 2);
  }
}

/** The known name a mistyped one most likely meant: within two edits, or one that starts with it. */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = candidate.startsWith(name) || name.startsWith(candidate) ? 1 : editDistance(name, candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Levenshtein distance (insert, delete, replace); option names are short. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The value of a valued option, or undefined. */
export function option(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** A whole-number option within bounds, or its default; anything else is a usage error. */
export function countOption(args: ParsedArgs, name: string, fallback: number, max: number): number {
  const text = option(args, name);
  if (text === undefined) return fallback;
  if (!/^[0-9]{1,9}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new CliError(`--${name} must be a whole number from 1 to ${max}, not "${text}"`, 2);
  }
  return Number(text);
}
