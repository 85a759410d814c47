import { compileFlows, type SetDiagnosticCode } from '@stumpfworks/dialplan';
import { enumeratePaths, flowLibrary, parseScript, simulate, type Transcript } from '@stumpfworks/engine';
import { flowTimeZones, formatDiagnostic, hasErrors, validateFlow, type Diagnostic, type Flow } from '@stumpfworks/flow';
import { countOption, option, type ParsedArgs } from './args.js';
import { localTimes, parseAt } from './at.js';
import { CliError, loadFlowWithSubflows, userPath, type LoadedFlows } from './load.js';
import { formatOutcome, formatTranscript } from './transcript-format.js';

function fileArg(args: ParsedArgs): string {
  const [file, extra] = args.positional;
  if (!file) throw new CliError(`${args.command} needs a flow file, e.g. examples/musterfirma.flow.json`, 2);
  if (extra !== undefined) throw new CliError(`${args.command} takes one flow file; "${extra}" is one too many`, 2);
  return userPath(file);
}

function language(args: ParsedArgs): 'de' | 'en' {
  const lang = option(args, 'lang') ?? 'en';
  if (lang !== 'de' && lang !== 'en') throw new CliError(`--lang must be de or en, not "${lang}"`, 2);
  return lang;
}

/** The flow file of the command and the sub-flows it reaches, from its folder and `--library`. */
function load(args: ParsedArgs): LoadedFlows {
  const library = option(args, 'library');
  return loadFlowWithSubflows(fileArg(args), library === undefined ? undefined : userPath(library), language(args));
}

/** The virtual clock (`--at`, read in the flows' time zone when it has no offset) and the caller ID. */
function callOptions(args: ParsedArgs, flows: readonly Flow[]): { at: Date; callerId: string; zones: string[] } {
  const zones = flowTimeZones(flows);
  const at = parseAt(option(args, 'at'), zones);
  const callerId = option(args, 'caller') ?? '';
  if (!/^\+?[0-9]{0,20}$/.test(callerId)) throw new CliError(`--caller must be a phone number, not "${callerId}"`, 2);
  return { at, callerId, zones };
}

/**
 * Each flow's diagnostics; a GotoFlow or CallFlow to a flow found in none of the folders is
 * `unknown-flow`; sub-flow calls are checked for recursion and depth among the loaded flows.
 */
function diagnose(loaded: LoadedFlows): Array<{ flow: Flow; diagnostics: Diagnostic[] }> {
  const known = { flows: loaded.flows.map((flow) => flow.id) };
  const compiled = compileFlows(loaded.flows);
  // What only the set shows (two flows with one number, a node and a flow with one dialplan name):
  // the compiler refuses it, so validate must not call the flow valid.
  const ofSet = (flowId: string) =>
    compiled.ok ? [] : compiled.diagnostics.filter((d) => d.flowId === flowId).flatMap((d) => d.diagnostics).filter((d) => SET_CODES.has(d.code));
  return loaded.flows.map((flow) => ({ flow, diagnostics: [...validateFlow(flow, known, loaded.flows), ...ofSet(flow.id)] }));
}

const SET_CODES = new Set<string>(['duplicate-number', 'context-clash'] satisfies SetDiagnosticCode[]);

/** Where an unknown sub-flow was looked for, and how to look elsewhere. */
function searchedHint(loaded: LoadedFlows, lines: Array<{ diagnostics: Diagnostic[] }>): string[] {
  if (!lines.some(({ diagnostics }) => diagnostics.some((d) => d.code === 'unknown-flow'))) return [];
  const skipped = loaded.skipped.length > 0 ? ` (not valid flows, so not searched: ${loaded.skipped.join(', ')})` : '';
  return [`sub-flows were looked up by id in ${loaded.folders.join(' and ')}${skipped}; --library <dir> adds a folder`];
}

/** `validate`: every diagnostic of the flow and the sub-flows it reaches, one per line; exit 1 if any is an error. */
export function validateCommand(args: ParsedArgs): number {
  const loaded = load(args);
  const results = diagnose(loaded);
  for (const { flow, diagnostics } of results) {
    const prefix = flow === loaded.main ? '' : `${flow.id}: `;
    for (const d of diagnostics) console.log(`${prefix}${formatDiagnostic(d, language(args))}`);
  }
  const all = results.flatMap((r) => r.diagnostics);
  if (hasErrors(all)) {
    for (const hint of searchedHint(loaded, results)) console.log(hint);
    return 1;
  }
  const { main } = loaded;
  console.log(`ok: ${main.id} (${main.nodes.length} nodes) is valid${all.length ? ' with warnings' : ''}`);
  return 0;
}

/** `compile`: the flow and its sub-flows as extensions.conf text. */
export function compileCommand(args: ParsedArgs): number {
  const { flows } = load(args);
  const result = compileFlows(flows);
  if (!result.ok) {
    for (const { flowId, diagnostics } of result.diagnostics) {
      for (const d of diagnostics) console.error(`${flowId}: ${formatDiagnostic(d, language(args))}`);
    }
    return 1;
  }
  process.stdout.write(result.text);
  return 0;
}

/** `simulate`: run an event script through the engine and print the transcript. */
export function simulateCommand(args: ParsedArgs): number {
  const loaded = load(args);
  refuseInvalid(loaded, language(args));
  const { zones, ...call } = callOptions(args, loaded.flows);
  const events = option(args, 'events') ?? '';
  let transcript: Transcript;
  try {
    transcript = simulate(flowLibrary(loaded.flows), loaded.main.id, parseScript(events), call);
  } catch (error) {
    if (error instanceof Error && 'code' in error) throw new CliError(error.message);
    throw error;
  }
  if (args.options.has('json')) console.log(JSON.stringify(transcript, null, 2));
  else console.log(formatTranscript(transcript, language(args), localTimes(call.at, zones)));
  return 0;
}

/** The bounds of `paths`, and the largest value each takes (every enumeration stays bounded). */
const PATH_BOUNDS = {
  'max-events': { fallback: 12, max: 100 },
  'max-visits': { fallback: 3, max: 20 },
  limit: { fallback: 10_000, max: 1_000_000 },
} as const;

/** `paths`: the distinct paths through the flow, as event scripts with their outcome. */
export function pathsCommand(args: ParsedArgs): number {
  const loaded = load(args);
  refuseInvalid(loaded, language(args));
  const { zones, ...call } = callOptions(args, loaded.flows);
  const bound = (name: keyof typeof PATH_BOUNDS) => countOption(args, name, PATH_BOUNDS[name].fallback, PATH_BOUNDS[name].max);
  const bounds = { maxEvents: bound('max-events'), maxVisitsPerNode: bound('max-visits'), maxPaths: bound('limit') };
  const result = enumeratePaths(flowLibrary(loaded.flows), loaded.main.id, { ...call, ...bounds });
  if (args.options.has('json')) {
    const paths = result.paths.map((p) => ({ events: p.events, visits: p.transcript.visits, outcome: p.transcript.outcome }));
    console.log(JSON.stringify({ paths, truncated: result.truncated }, null, 2));
    return 0;
  }
  const de = language(args) === 'de';
  const caller = call.callerId || (de ? '(unbekannt)' : '(unknown)');
  console.log(de ? `Ablauf ${loaded.main.id}, Anrufer ${caller}, ${localTimes(call.at, zones)}` : `Flow ${loaded.main.id}, caller ${caller}, ${localTimes(call.at, zones)}`);
  result.paths.forEach((path, i) => {
    const script = path.events.length ? path.events.join(',') : '(no input)';
    console.log(`${String(i + 1).padStart(4)}. ${script.padEnd(28)} → ${formatOutcome(path.transcript, language(args))}`);
  });
  const cut = result.truncated
    ? `, ${result.truncated} cut off by the bounds (--max-events ${bounds.maxEvents}, --max-visits ${bounds.maxVisitsPerNode}, --limit ${bounds.maxPaths})`
    : '';
  console.log(`${result.paths.length} paths${cut}`);
  return 0;
}

/** Simulating an invalid flow would show a call no engine makes: refuse with the errors, sub-flows' too. */
function refuseInvalid(loaded: LoadedFlows, lang: 'de' | 'en'): void {
  const results = diagnose(loaded).map(({ flow, diagnostics }) => ({ flow, diagnostics: diagnostics.filter((d) => d.severity === 'error') }));
  const lines = results.flatMap(({ flow, diagnostics }) => diagnostics.map((d) => `${flow.id}: ${formatDiagnostic(d, lang)}`));
  if (lines.length > 0) throw new CliError(['the flow is not valid:', ...lines, ...searchedHint(loaded, results)].join('\n'));
}
