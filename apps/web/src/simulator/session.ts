import { isoInZone, openingDecision, TIME_CONDITION_PRECEDENCE, type Flow, type I18nText } from '@stumpfworks/flow';
import { answeredByOf, eventText, flowLibrary, simulate, tokenEvent, type Transcript, type WaitKind } from '@stumpfworks/engine';
import type { Highlight } from '../editor/mapping.js';
import { clockInstant, simulatorZone } from './clock.js';

/** The simulated call so far: the caller's tokens, the virtual clock and the caller ID. */
export interface SimulationInput {
  tokens: string[];
  /** A `datetime-local` value, read in the flow's time zone (simulatorZone), not the browser's. */
  at: string;
  callerId: string;
}

/** A failed run says why: an unreadable clock (or a time the clocks skip), or the engine's message (which is English in both languages). */
export type SimulationResult = { ok: true; transcript: Transcript } | { ok: false; message: I18nText };

/**
 * Re-runs the whole call from the start with the engine's simulator: a step is one more token,
 * a step back is one token less, and an edited flow is simulated afresh. `subFlows` are the flows
 * it reaches (GotoFlow, CallFlow; `useSubFlows`).
 */
export function runSimulation(flow: Flow, input: SimulationInput, subFlows: readonly Flow[] = []): SimulationResult {
  const clock = clockInstant(input.at, simulatorZone(flow, subFlows));
  if (!clock.ok) return clock;
  try {
    return { ok: true, transcript: simulate(libraryOf(flow, subFlows), flow.id, input.tokens, { at: clock.at, callerId: input.callerId }) };
  } catch (error) {
    const { message } = error as Error;
    return { ok: false, message: { de: message, en: message } };
  }
}

/** The edited flow and its sub-flows (a stored copy of the edited flow itself is left out). */
export function libraryOf(flow: Flow, subFlows: readonly Flow[]) {
  return flowLibrary([flow, ...subFlows.filter((sub) => sub.id !== flow.id)]);
}

/**
 * What an expected script token means, for the "waiting for" line: `busy` is "Besetzt", `2` is
 * "Taste 2", `timeout` is "Keine Eingabe" (the words of the transcript). Any other token is shown as is.
 */
export function expectedText(token: string, wait: WaitKind): I18nText {
  if (token === 'digits') return { de: 'Ziffern', en: 'Digits' };
  const event = tokenEvent(token, wait);
  return (event && eventText(event)) ?? { de: token, en: token };
}

/** The node the call is at, the nodes it passed and the edges it took (see edgesTaken), for the canvas. */
export function highlightOf(flow: Flow, transcript: Transcript, edges: readonly string[]): Highlight {
  const visits = transcript.visits.filter((v) => v.flowId === flow.id);
  const active = transcript.waitingFor?.nodeId ?? transcript.outcome?.nodeId;
  return { ...(active ? { active } : {}), visited: new Set(visits.map((v) => v.nodeId)), edges: new Set(edges) };
}

/**
 * Why each TimeCondition the call passed went the way it did: open or closed, the entries that
 * decided (TIME_CONDITION_PRECEDENCE) and the time read in the node's zone (a node may read
 * another zone than the one the clock input is in), at the instant the call was simulated.
 */
export function timeDecisions(flow: Flow, transcript: Transcript): { nodeId: string; text: I18nText }[] {
  const when = new Date(transcript.at);
  const visited = new Set(transcript.visits.filter((v) => v.flowId === flow.id).map((v) => v.nodeId));
  return flow.nodes.flatMap((node) => {
    if (node.type !== 'TimeCondition' || !visited.has(node.id)) return [];
    const { open, by } = openingDecision(node.params, when);
    const layer = TIME_CONDITION_PRECEDENCE.find((l) => l.layer === by)!.label;
    const local = `${isoInZone(when, node.params.timezone).slice(0, 16).replace('T', ' ')} ${node.params.timezone}`;
    return [
      {
        nodeId: node.id,
        text: {
          de: `${open ? 'Geöffnet' : 'Geschlossen'} um ${local}, entschieden von: ${layer.de}`,
          en: `${open ? 'Open' : 'Closed'} at ${local}, decided by: ${layer.en}`,
        },
      },
    ];
  });
}

/**
 * The targets a script can name as the one that answered the dial the call waits in
 * (`answer:<target>`): those it rings at once when there are several (a simultaneous Dial; a
 * sequential one rings one at a time, and its plain `answer` is that one). None when the call
 * waits for anything else, a transfer included.
 */
export function answeringTargets(transcript: Transcript): string[] {
  if (transcript.waitingFor?.kind !== 'dial') return [];
  // The effects since the node the call waits in was entered (a sequential Dial rings again without a visit).
  const since = transcript.effects.slice(transcript.effects.findLastIndex((e) => e.type === 'visit') + 1);
  const dial = since.findLast((e) => e.type === 'dial');
  const targets = dial ? [...new Set(dial.targets)].filter((target) => answeredByOf(`answer:${target}`) === target) : [];
  return targets.length > 1 ? targets : [];
}

/** The call's variables and their values now, in the order they were first set (SetVariable, CollectDigits, a Dial's answeredBy...). */
export function variablesOf(transcript: Transcript): [name: string, value: string][] {
  const vars = new Map<string, string>();
  for (const effect of transcript.effects) if (effect.type === 'setVariable') vars.set(effect.name, effect.value);
  return [...vars];
}
