/**
 * Which flows the parity suite calls, at which instants and from which callers: a folder of
 * `*.flow.json` files (`PARITY_FLOWS`, else examples/) and its optional `parity.json`. Pure but for
 * reading the folder; the format is documented in docs/flow-semantics.md ("Parity on any flows").
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { enumeratePaths, flowLibrary, parseScript, simulate } from '@stumpfworks/engine';
import { flowsNamedBy, flowTimeZones, instantInZone, parseFlow, type Flow } from '@stumpfworks/flow';
import { parseAt } from '../../packages/cli/src/at.js';
import { traceOfTranscript, type Trace } from './compare.js';
import type { CallPlan } from './call-driver.js';
import { effectsOfTranscript, type EffectLog } from './effects.js';

/** The caller when parity.json names none: a plain German mobile number. */
export const DEFAULT_CALLER = '017612345678';

const callerSchema = z.string().regex(/^\+?[0-9]{1,20}$/, 'a caller number: digits, optionally starting with "+" (at most 20)');
const instantSchema = z.object({
  /** Why this instant matters; the `at` text when left out. */
  label: z.string().min(1).max(200).optional(),
  /** An ISO date-time with an offset, or a wall-clock time (`2026-06-03T10:00:00`) in the flow's time zone. */
  at: z.string().min(1),
});
const flowSchema = z
  .object({
    instants: z.array(instantSchema).min(1).optional(),
    callers: z.array(callerSchema).min(1).optional(),
    /**
     * Every path calls from its own number (the caller + the path's index), so the suite's web
     * service can tell the calls' HTTP requests apart (they carry `${CALLERID}`). Only for flows
     * that do not branch on the caller ID. Default: on for flows with an HTTP request.
     */
    callerIdPerPath: z.boolean().optional(),
    /**
     * Hand-written paths (script tokens, comma-separated) besides the enumerated ones, for what
     * path enumeration never tries: keys typed past a complete menu entry (`12` at a menu of single keys).
     */
    scripts: z.array(z.string().min(1)).optional(),
    /** Path enumeration bounds, for flows whose menus loop. */
    bounds: z.object({ maxEvents: z.number().int().min(1).max(30), maxVisitsPerNode: z.number().int().min(1).max(10) }).strict().optional(),
  })
  .strict();
export const parityFileSchema = z
  .object({
    $comment: z.string().optional(),
    /** Instants for every flow that names none of its own (default: a weekday morning, a weekday night, a Sunday). */
    instants: z.array(instantSchema).min(1).optional(),
    /** Callers for every flow that names none of its own (default: one German mobile number). */
    callers: z.array(callerSchema).min(1).optional(),
    /** Per entry flow, by id. */
    flows: z.record(z.string(), flowSchema).optional(),
  })
  .strict();
export type ParityFile = z.infer<typeof parityFileSchema>;
type Instant = z.infer<typeof instantSchema>;

export class ParityConfigError extends Error {}

/** One scenario: an entry flow called at one instant from one caller. */
export interface Scenario {
  flowId: string;
  number: string;
  label: string;
  at: Date;
  callerId: string;
  callerIdPerPath: boolean;
  scripts: string[];
  bounds: { maxEvents?: number; maxVisitsPerNode?: number };
  /** Instants by default: paths that equal a path of an earlier instant (the same script and trace) are left out. */
  byDefault: boolean;
}

export interface Case {
  plan: CallPlan;
  label: string;
  expected: Trace;
  /** The simulator's side effects, in the words Asterisk's events are read in (effects.ts). */
  effects: EffectLog;
  /**
   * The scenario's caller ID when each path calls with one of its own (callerIdPerPath): another
   * call of the same path at the same time (the SIP phase's) takes its own number from it, since
   * the web server tells calls apart by caller ID.
   */
  perPathCallerBase?: string;
}

export interface ParitySuite {
  dir: string;
  flows: Flow[];
  scenarios: Scenario[];
}

/** `parity.json`'s problems with their field paths (`flows.musterfirma.instants.0.at: ...`). */
export function parseParityFile(text: string, source = 'parity.json'): ParityFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ParityConfigError(`${source}: not JSON: ${(error as Error).message}`);
  }
  const result = parityFileSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new ParityConfigError(`${source}:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

/** The flow and every flow it calls or jumps to, transitively, found among `flows`. */
export function flowClosure(flows: readonly Flow[], id: string): Flow[] {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const seen = new Map<string, Flow>();
  const visit = (flowId: string, from: string) => {
    if (seen.has(flowId)) return;
    const flow = byId.get(flowId);
    if (!flow) throw new ParityConfigError(`flow ${from} names the flow "${flowId}", which is not in the folder`);
    seen.set(flowId, flow);
    for (const named of flowsNamedBy(flow)) visit(named, flowId);
  };
  visit(id, id);
  return [...seen.values()];
}

const WEEKDAY_MORNING = { year: 2026, month: 6, day: 3, hour: 10, minute: 0, second: 0 };
const WEEKDAY_NIGHT = { year: 2026, month: 6, day: 3, hour: 22, minute: 0, second: 0 };
const SUNDAY = { year: 2026, month: 6, day: 7, hour: 12, minute: 0, second: 0 };

/**
 * The instants by default, as wall-clock times in the zone the flow reads the clock in: Wednesday
 * 3 June 2026 10:00 and 22:00, Sunday 7 June 2026 12:00 (fixed dates, so a run repeats; none is a
 * German public holiday).
 */
export function defaultInstants(zone: string): Array<{ label: string; at: Date }> {
  return [
    { label: 'weekday morning (Wednesday 10:00)', wall: WEEKDAY_MORNING },
    { label: 'weekday night (Wednesday 22:00)', wall: WEEKDAY_NIGHT },
    { label: 'Sunday 12:00', wall: SUNDAY },
  ].map(({ label, wall }) => ({ label: `${label} ${zone}`, at: instantInZone(wall, zone)! }));
}

function instantsOf(instants: Instant[], zones: string[], where: string): Array<{ label: string; at: Date }> {
  return instants.map((instant, i) => {
    try {
      return { label: instant.label ?? instant.at, at: parseAt(instant.at, zones) };
    } catch (error) {
      // parseAt words its errors for the CLI's --at option.
      throw new ParityConfigError(`${where}.${i}.at: ${(error as Error).message.replace(/^--at /, '')}`);
    }
  });
}

/**
 * Reads a folder: every `*.flow.json` (each must parse), and `parity.json` if there is one. Entry
 * flows are those with a Start number; a flow without one only serves as a sub-flow.
 */
export function loadParitySuite(dir: string): ParitySuite {
  if (!existsSync(dir)) throw new ParityConfigError(`${dir}: no such folder`);
  const flows = readdirSync(dir)
    .filter((f) => f.endsWith('.flow.json'))
    .sort()
    .map((f) => {
      const result = parseFlow(readFileSync(join(dir, f), 'utf8'));
      if (!result.ok) throw new ParityConfigError(`${join(dir, f)}: ${result.problems.map((p) => `${p.path}: ${p.message.en}`).join('; ')}`);
      return result.flow;
    });
  if (flows.length === 0) throw new ParityConfigError(`${dir}: no *.flow.json files`);
  const configFile = join(dir, 'parity.json');
  const config = existsSync(configFile) ? parseParityFile(readFileSync(configFile, 'utf8'), configFile) : {};
  return { dir, flows, scenarios: scenariosOf(flows, config) };
}

const numberOf = (flow: Flow): string => {
  const start = flow.nodes.find((n) => n.type === 'Start');
  return start?.type === 'Start' ? start.params.number : '';
};

/** The scenarios of a folder's entry flows: parity.json's instants and callers, else the defaults. */
export function scenariosOf(flows: Flow[], config: ParityFile): Scenario[] {
  const entries = flows.filter((f) => numberOf(f) !== '');
  for (const id of Object.keys(config.flows ?? {})) {
    const flow = flows.find((f) => f.id === id);
    if (!flow) throw new ParityConfigError(`flows.${id}: no flow with this id in the folder`);
    if (numberOf(flow) === '') throw new ParityConfigError(`flows.${id}: the flow has no Start number, so no call can begin there`);
  }
  return entries.flatMap((flow) => {
    const closure = flowClosure(flows, flow.id);
    const zones = flowTimeZones(closure);
    const own = config.flows?.[flow.id] ?? {};
    const explicit = own.instants ?? config.instants;
    const where = own.instants ? `flows.${flow.id}.instants` : 'instants';
    const instants = explicit ? instantsOf(explicit, zones, where) : defaultInstants(zones[0]!);
    const callers = own.callers ?? config.callers ?? [DEFAULT_CALLER];
    const branchesOnCaller = closure.some((f) => f.nodes.some((n) => n.type === 'Condition' && n.params.subject === 'callerId'));
    const hasHttp = closure.some((f) => f.nodes.some((n) => n.type === 'HttpRequest'));
    if (own.callerIdPerPath && branchesOnCaller) {
      throw new ParityConfigError(`flows.${flow.id}.callerIdPerPath: one caller ID per path needs a flow that does not branch on the caller ID`);
    }
    const callerIdPerPath = own.callerIdPerPath ?? (hasHttp && !branchesOnCaller);
    return callers.flatMap((callerId) =>
      instants.map(({ label, at }) => ({
        flowId: flow.id,
        number: numberOf(flow),
        label: callers.length > 1 ? `${label}, from ${callerId}` : label,
        at,
        callerId,
        callerIdPerPath,
        scripts: own.scripts ?? [],
        bounds: own.bounds ?? {},
        byDefault: !explicit,
      })),
    );
  });
}

/** Every scenario's enumerated and hand-written paths, with the simulator's trace of each. */
export function buildCases(suite: ParitySuite): { cases: Case[]; repeats: number } {
  const library = flowLibrary(suite.flows);
  const cases: Case[] = [];
  const seen = new Set<string>();
  let repeats = 0;
  for (const scenario of suite.scenarios) {
    const { at, callerId } = scenario;
    const { paths } = enumeratePaths(library, scenario.flowId, { at, callerId, ...scenario.bounds });
    const scripted = scenario.scripts.map((script, i) => {
      try {
        return { events: script.split(','), transcript: simulate(library, scenario.flowId, parseScript(script), { at, callerId }) };
      } catch (error) {
        throw new ParityConfigError(`flows.${scenario.flowId}.scripts.${i} "${script}" at ${scenario.label}: ${(error as Error).message}`);
      }
    });
    for (const path of [...paths, ...scripted]) {
      const expected = traceOfTranscript(path.transcript);
      // At the instants by default a path that never reads the clock repeats at every instant.
      const key = JSON.stringify([scenario.flowId, callerId, path.events, expected]);
      if (scenario.byDefault && seen.has(key)) {
        repeats++;
        continue;
      }
      seen.add(key);
      const caller = scenario.callerIdPerPath ? `${callerId}${String(cases.length).padStart(6, '0')}` : callerId;
      // The path's own caller ID goes into its web requests: the simulator sends them with it too.
      const transcript = scenario.callerIdPerPath ? simulate(library, scenario.flowId, path.events, { at, callerId: caller }) : path.transcript;
      cases.push({
        label: `${scenario.flowId} @ ${scenario.label}: ${path.events.join(',') || '(no input)'}`,
        plan: { index: cases.length, number: scenario.number, at, callerId: caller, events: path.events },
        expected,
        effects: effectsOfTranscript(transcript),
        ...(scenario.callerIdPerPath ? { perPathCallerBase: callerId } : {}),
      });
    }
  }
  return { cases, repeats };
}
