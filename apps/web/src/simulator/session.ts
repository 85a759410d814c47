import { isoInZone, openingDecision, TIME_CONDITION_PRECEDENCE, type Flow, type I18nText } from '@stumpfworks/flow';
import { eventText, flowLibrary, simulate, tokenEvent, type Transcript, type WaitKind } from '@stumpfworks/engine';
import type { Highlight } from '../editor/mapping.js';

/** The simulated call so far: the caller's tokens, the virtual clock and the caller ID. */
export interface SimulationInput {
  tokens: string[];
  /** A `datetime-local` value, read in the browser's time zone. */
  at: string;
  callerId: string;
}

/** A failed run says why: an unreadable clock, or the engine's message (which is English in both languages). */
export type SimulationResult = { ok: true; transcript: Transcript } | { ok: false; message: I18nText };

/**
 * Re-runs the whole call from the start with the engine's simulator: a step is one more token,
 * a step back is one token less, and an edited flow is simulated afresh. `subFlows` are the flows
 * it reaches (GotoFlow, CallFlow; `useSubFlows`).
 */
export function runSimulation(flow: Flow, input: SimulationInput, subFlows: readonly Flow[] = []): SimulationResult {
  const at = new Date(input.at);
  if (Number.isNaN(at.getTime())) {
    return { ok: false, message: { de: `Bitte Datum und Uhrzeit angeben (nicht lesbar: „${input.at}“)`, en: `Please give a date and time (cannot read "${input.at}")` } };
  }
  try {
    return { ok: true, transcript: simulate(libraryOf(flow, subFlows), flow.id, input.tokens, { at, callerId: input.callerId }) };
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
 * decided (TIME_CONDITION_PRECEDENCE) and the time read in the node's zone, since the clock
 * input is the browser's time and the node reads its own zone.
 */
export function timeDecisions(flow: Flow, transcript: Transcript, at: string): { nodeId: string; text: I18nText }[] {
  const when = new Date(at);
  if (Number.isNaN(when.getTime())) return [];
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

/** Now, as a `datetime-local` value. */
export function localNow(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
