import { compileFlows } from '@stumpfworks/dialplan';
import { enumeratePaths, flowLibrary, parseScript, simulate, type Transcript } from '@stumpfworks/engine';
import { formatDiagnostic, hasErrors, validateFlow } from '@stumpfworks/flow';
import { option, type ParsedArgs } from './args.js';
import { CliError, loadFlowFile, loadFlowWithSubflows, userPath } from './load.js';
import { formatOutcome, formatTranscript } from './transcript-format.js';

function fileArg(args: ParsedArgs): string {
  const file = args.positional[0];
  if (!file) throw new CliError(`${args.command} needs a flow file, e.g. examples/musterfirma.flow.json`, 2);
  return userPath(file);
}

function language(args: ParsedArgs): 'de' | 'en' {
  const lang = option(args, 'lang') ?? 'en';
  if (lang !== 'de' && lang !== 'en') throw new CliError(`--lang must be de or en, not "${lang}"`, 2);
  return lang;
}

function flowsDir(args: ParsedArgs): string | undefined {
  const dir = option(args, 'flows');
  return dir === undefined ? undefined : userPath(dir);
}

function callOptions(args: ParsedArgs): { at: Date; callerId: string } {
  const atText = option(args, 'at');
  const at = atText === undefined ? new Date() : new Date(atText);
  if (Number.isNaN(at.getTime())) {
    throw new CliError(`--at must be an ISO date-time like 2026-06-03T10:00:00+02:00, not "${atText}"`, 2);
  }
  const callerId = option(args, 'caller') ?? '';
  if (!/^\+?[0-9]{0,20}$/.test(callerId)) throw new CliError(`--caller must be a phone number, not "${callerId}"`, 2);
  return { at, callerId };
}

/** `validate`: every diagnostic, one per line; exit 1 if any is an error. */
export function validateCommand(args: ParsedArgs): number {
  const file = fileArg(args);
  const flow = loadFlowFile(file, language(args));
  const diagnostics = validateFlow(flow);
  for (const d of diagnostics) console.log(formatDiagnostic(d, language(args)));
  if (hasErrors(diagnostics)) return 1;
  console.log(`ok: ${flow.id} (${flow.nodes.length} nodes) is valid${diagnostics.length ? ' with warnings' : ''}`);
  return 0;
}

/** `compile`: the flow and its sub-flows as extensions.conf text. */
export function compileCommand(args: ParsedArgs): number {
  const { flows } = loadFlowWithSubflows(fileArg(args), flowsDir(args), language(args));
  const result = compileFlows(flows);
  if (!result.ok) {
    for (const { flowId, diagnostics } of result.diagnostics) {
      for (const d of diagnostics) console.error(`${flowId}: ${formatDiagnostic(d)}`);
    }
    return 1;
  }
  process.stdout.write(result.text);
  return 0;
}

/** `simulate`: run an event script through the engine and print the transcript. */
export function simulateCommand(args: ParsedArgs): number {
  const { main, flows } = loadFlowWithSubflows(fileArg(args), flowsDir(args), language(args));
  refuseInvalid(flows);
  const events = option(args, 'events') ?? '';
  let transcript: Transcript;
  try {
    transcript = simulate(flowLibrary(flows), main.id, parseScript(events), callOptions(args));
  } catch (error) {
    if (error instanceof Error && 'code' in error) throw new CliError(error.message);
    throw error;
  }
  if (args.options.has('json')) console.log(JSON.stringify(transcript, null, 2));
  else console.log(formatTranscript(transcript, language(args)));
  return 0;
}

/** `paths`: the distinct paths through the flow, as event scripts with their outcome. */
export function pathsCommand(args: ParsedArgs): number {
  const { main, flows } = loadFlowWithSubflows(fileArg(args), flowsDir(args), language(args));
  refuseInvalid(flows);
  const result = enumeratePaths(flowLibrary(flows), main.id, callOptions(args));
  if (args.options.has('json')) {
    console.log(JSON.stringify({ paths: result.paths.map((p) => ({ events: p.events, visits: p.transcript.visits, outcome: p.transcript.outcome })), truncated: result.truncated }, null, 2));
    return 0;
  }
  result.paths.forEach((path, i) => {
    const script = path.events.length ? path.events.join(',') : '(no input)';
    console.log(`${String(i + 1).padStart(4)}. ${script.padEnd(28)} → ${formatOutcome(path.transcript, language(args))}`);
  });
  console.log(`${result.paths.length} paths${result.truncated ? `, ${result.truncated} cut off by the bounds` : ''}`);
  return 0;
}

function refuseInvalid(flows: Parameters<typeof compileFlows>[0]): void {
  const lines = flows.flatMap((flow) =>
    validateFlow(flow)
      .filter((d) => d.severity === 'error')
      .map((d) => `${flow.id}: ${formatDiagnostic(d)}`),
  );
  if (lines.length > 0) throw new CliError(`the flow is not valid:\n${lines.join('\n')}`);
}
