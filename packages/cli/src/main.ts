/**
 * The command line for admins and scripts:
 *   pnpm flow validate <file> [--library <dir>] [--lang de|en]
 *   pnpm flow compile <file> [--library <dir>]
 *   pnpm flow simulate <file> --events "1,timeout,2" [--at <ISO>] [--caller <number>] [--json]
 *   pnpm flow paths <file> [--at <ISO>] [--caller <number>] [--max-events n] [--max-visits n] [--limit n] [--json]
 */
import { checkOptions, parseArgs, type OptionSpec, type ParsedArgs } from './args.js';
import { compileCommand, pathsCommand, simulateCommand, validateCommand } from './commands.js';
import { CliError } from './load.js';

const USAGE = `usage:
  pnpm flow validate <file>                         diagnostics; exit 1 when the flow is invalid
  pnpm flow compile <file>                          extensions.conf text on stdout
  pnpm flow simulate <file> --events "1,timeout,2" [--at <date-time>] [--caller <number>] [--json]
  pnpm flow paths <file> [--at <date-time>] [--caller <number>] [--json]
                         [--max-events <n, 12>] [--max-visits <n per node, 3>] [--limit <paths, 10000>]
Every command takes --library <dir> and --lang de|en. Sub-flows (GotoFlow, CallFlow) are looked up by id
in the file's folder, then in --library <dir>. --at without an offset (2026-06-03T10:00) is the time in
the flow's time zone (its TimeConditions'); with one (…+02:00 or …Z) it is that instant.
Exit codes: 0 ok, 1 invalid flow or failed run, 2 wrong usage.`;

const COMMON = { valued: ['library', 'lang'], flags: ['help'] } as const;
const CALL = { valued: ['at', 'caller'], flags: ['json'] } as const;

const commands: Record<string, OptionSpec & { run: (args: ParsedArgs) => number }> = {
  validate: { run: validateCommand, valued: COMMON.valued, flags: COMMON.flags },
  compile: { run: compileCommand, valued: COMMON.valued, flags: COMMON.flags },
  simulate: { run: simulateCommand, valued: [...COMMON.valued, ...CALL.valued, 'events'], flags: [...COMMON.flags, ...CALL.flags] },
  paths: {
    run: pathsCommand,
    valued: [...COMMON.valued, ...CALL.valued, 'max-events', 'max-visits', 'limit'],
    flags: [...COMMON.flags, ...CALL.flags],
  },
};

function main(argv: string[]): number {
  const args = parseArgs(argv, [...new Set(Object.values(commands).flatMap((c) => c.valued))]);
  if (args.command === undefined) {
    console.log(USAGE);
    return args.options.has('help') ? 0 : 2;
  }
  const command = commands[args.command];
  if (!command) throw new CliError(`unknown command "${args.command}"\n${USAGE}`, 2);
  checkOptions(args, command, commands);
  if (args.options.has('help')) {
    console.log(USAGE);
    return 0;
  }
  return command.run(args);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  console.error(error.message);
  process.exitCode = error.exitCode;
}
