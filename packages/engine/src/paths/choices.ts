import { menuEntries, type FlowGraph, type NodeOf } from '@stumpfworks/flow';
import { graphOf, requireFlow } from '../library.js';
import { DIAL_RESULT_WORDS, QUEUE_RESULT_WORDS, type ScriptToken } from '../simulator/script.js';
import type { Session } from '../simulator/session.js';

const ALL_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];
const SAMPLE = '12345678901234567890';

/** Each connected digit, each direct-dial extension, one key that leads nowhere, and a timeout. */
function menuChoices(node: NodeOf<'Menu'>, graph: FlowGraph): ScriptToken[] {
  const { keys, direct } = menuEntries(node, graph);
  const invalid = ALL_KEYS.find((k) => !keys.includes(k) && !direct.some((d) => d.startsWith(k)));
  return [...keys, ...direct, ...(invalid ? [invalid] : []), 'timeout'];
}

/**
 * A valid entry, each `equals` value a Condition of the flow compares this variable with (when
 * it fits), an entry too short (when one exists), and a timeout. Short entries get the terminator.
 */
function collectChoices(node: NodeOf<'CollectDigits'>, graph: FlowGraph): ScriptToken[] {
  const { minDigits, maxDigits, terminator, variable } = node.params;
  const ended = (entry: string) => (entry.length < maxDigits ? entry + terminator : entry);
  const valid = SAMPLE.slice(0, Math.min(Math.max(4, minDigits), maxDigits));
  const compared = graph.flow.nodes.flatMap((n) =>
    n.type === 'Condition' && n.params.subject === variable && n.params.operator === 'equals' ? [n.params.value] : [],
  );
  const fitting = compared.filter(
    (v) => v.length >= minDigits && v.length <= maxDigits && /^[0-9*#]+$/.test(v) && !v.includes(terminator),
  );
  // A regex can split entries in ways we cannot solve for; a second, different sample gives it a chance
  // to take the other branch: 123456 and its mirror 345678 differ in every position.
  const regexOnIt = graph.flow.nodes.some(
    (n) => n.type === 'Condition' && n.params.subject === variable && n.params.operator === 'regex',
  );
  const other = regexOnIt ? [[...valid].reverse().map((d) => String(9 - Number(d))).join('')] : [];
  const entries = [...new Set([valid, ...other, ...fitting])].map(ended);
  const tooShort = minDigits > 1 ? [SAMPLE.slice(0, minDigits - 1) + terminator] : [];
  return [...entries, ...tooShort, 'timeout'];
}

/** The right PIN, a wrong one of the same length, and a timeout. */
function pinChoices(node: NodeOf<'Conference'>): ScriptToken[] {
  const { pin } = node.params;
  const zeros = '0'.repeat(pin.length);
  const wrong = zeros === pin ? '1'.repeat(pin.length) : zeros;
  return [`${pin}#`, `${wrong}#`, 'timeout'];
}

/**
 * A success with an empty JSON object (every mapped variable empty), one success per `equals`
 * value a Condition of the flow compares a mapped variable with (the body holds that value at the
 * field's path), a non-2xx response, a failure without response, and a timeout.
 */
function httpChoices(node: NodeOf<'HttpRequest'>, graph: FlowGraph): ScriptToken[] {
  const bodies = node.params.responseMapping.flatMap(({ variable, path }) =>
    graph.flow.nodes.flatMap((n) =>
      n.type === 'Condition' && n.params.subject === variable && n.params.operator === 'equals'
        ? [JSON.stringify(path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), n.params.value))]
        : [],
    ),
  );
  return [...new Set(['{}', ...bodies])].map((body) => `http:200:${body}`).concat(['http:500', 'http:failure', 'http:timeout']);
}

/** The script tokens worth trying at the session's current wait, in a stable order. */
export function choicesAt(session: Session): ScriptToken[] {
  const { waitingFor, flowId, nodeId } = session.snapshot;
  switch (waitingFor) {
    case 'dial':
      return [...DIAL_RESULT_WORDS];
    case 'queue':
      return [...QUEUE_RESULT_WORDS];
    case 'http': {
      const graph = graphOf(requireFlow(session.flows, flowId));
      const node = graph.node(nodeId);
      return node?.type === 'HttpRequest' ? httpChoices(node, graph) : ['http:failure'];
    }
    case 'input': {
      const graph = graphOf(requireFlow(session.flows, flowId));
      const node = graph.node(nodeId);
      if (node?.type === 'Menu') return menuChoices(node, graph);
      if (node?.type === 'CollectDigits') return collectChoices(node, graph);
      if (node?.type === 'Conference') return pinChoices(node);
      return ['timeout'];
    }
    default:
      return [];
  }
}
