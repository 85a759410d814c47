import { CliError } from './load.js';

export interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  options: Map<string, string | true>;
}

/** `--name value`, `--name=value` and `--flag` options, in any order among the positionals. */
export function parseArgs(argv: string[], valued: string[]): ParsedArgs {
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new CliError(`--${name} needs a value`, 2);
      options.set(name, value);
    } else {
      if (inline !== undefined) throw new CliError(`--${name} takes no value`, 2);
      options.set(name, true);
    }
  }
  return { command: positional.shift(), positional, options };
}

/** The value of a valued option, or undefined. */
export function option(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}
