/**
 * The command line for admins and scripts:
 *   pnpm flow validate <file> [--lang de|en]
 *   pnpm flow compile <file> [--flows <dir>]
 *   pnpm flow simulate <file> --events "1,timeout,2" [--at <ISO>] [--caller <number>] [--json]
 *   pnpm flow paths <file> [--at <ISO>] [--caller <number>] [--json]
 */
import { parseArgs } from './args.js';
import { compileCommand, pathsCommand, simulateCommand, validateCommand } from './commands.js';
import { CliError } from './load.js';

const USAGE = `usage:
  pnpm flow validate <file> [--lang de|en]          diagnostics; exit 1 when the flow is invalid
  pnpm flow compile <file> [--flows <dir>]          extensions.conf text on stdout
  pnpm flow simulate <file> --events "1,timeout,2" [--at <ISO date-time>] [--caller <number>] [--json]
  pnpm flow paths <file> [--at <ISO date-time>] [--caller <number>] [--json]
Sub-flows (GotoFlow) are read from the file's folder, or from --flows <dir>.`;

const commands: Record<string, (args: ReturnType<typeof parseArgs>) => number> = {
  validate: validateCommand,
  compile: compileCommand,
  simulate: simulateCommand,
  paths: pathsCommand,
};

function main(argv: string[]): number {
  const args = parseArgs(argv, ['events', 'at', 'caller', 'flows', 'lang']);
  if (args.command === undefined || args.options.has('help')) {
    console.log(USAGE);
    return args.command === undefined && !args.options.has('help') ? 2 : 0;
  }
  const run = commands[args.command];
  if (!run) throw new CliError(`unknown command "${args.command}"\n${USAGE}`, 2);
  return run(args);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  console.error(error.message);
  process.exitCode = error.exitCode;
}
