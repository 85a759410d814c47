import { nodeOutputs } from './catalogue.js';
import type { Diagnostic } from './diagnostics.js';
import type { Flow, FlowNode } from './flow.schema.js';
import { buildGraph, readsCallerInput } from './graph.js';
import { CALLER_ID_REFERENCE, templateReferences } from './nodes/http-request.node.js';

/** What exists on the PBX. A list that is left out is not checked. */
export interface KnownResources {
  extensions?: string[];
  queues?: string[];
  mailboxes?: string[];
  rooms?: string[];
  flows?: string[];
  routes?: string[];
  prompts?: string[];
}

/**
 * Checks a parsed flow for problems an admin can fix. Errors block compiling and publishing;
 * warnings do not.
 *
 * @example
 * validateFlow(flow, { extensions: ['1000', '1001'] }).filter((d) => d.severity === 'error');
 */
export function validateFlow(flow: Flow, resources: KnownResources = {}): Diagnostic[] {
  return [
    ...checkStart(flow),
    ...checkEdges(flow),
    ...checkOutputs(flow),
    ...checkReachable(flow),
    ...checkEndlessLoops(flow),
    ...checkResources(flow, resources),
    ...checkVariables(flow),
  ];
}

function checkStart(flow: Flow): Diagnostic[] {
  const starts = flow.nodes.filter((n) => n.type === 'Start');
  if (starts.length === 0) {
    return [
      {
        code: 'no-start',
        severity: 'error',
        message: { de: 'Der Ablauf hat keinen Start-Baustein.', en: 'The flow has no Start node.' },
      },
    ];
  }
  return starts.slice(1).map((n) => ({
    code: 'multiple-start' as const,
    severity: 'error' as const,
    nodeId: n.id,
    message: { de: 'Ein Ablauf darf nur einen Start-Baustein haben.', en: 'A flow may have only one Start node.' },
  }));
}

function checkEdges(flow: Flow): Diagnostic[] {
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  const diagnostics: Diagnostic[] = [];
  const used = new Set<string>();
  for (const edge of flow.edges) {
    const from = nodes.get(edge.from);
    if (!from || !nodes.has(edge.to)) {
      const missing = from ? edge.to : edge.from;
      diagnostics.push({
        code: 'dangling-edge',
        severity: 'error',
        nodeId: from ? from.id : undefined,
        output: edge.output,
        message: {
          de: `Eine Verbindung führt zu einem Baustein, den es nicht gibt ("${missing}").`,
          en: `A connection refers to a node that does not exist ("${missing}").`,
        },
      });
      continue;
    }
    if (!nodeOutputs(from).some((o) => o.name === edge.output)) {
      diagnostics.push({
        code: 'unknown-output',
        severity: 'error',
        nodeId: from.id,
        output: edge.output,
        message: {
          de: `Der Baustein hat keinen Ausgang "${edge.output}".`,
          en: `The node has no output "${edge.output}".`,
        },
      });
      continue;
    }
    const key = `${edge.from}\u0000${edge.output}`;
    if (used.has(key)) {
      const isDigit = from.type === 'Menu' && /^[0-9*#]$/.test(edge.output);
      diagnostics.push({
        code: 'duplicate-output',
        severity: 'error',
        nodeId: from.id,
        output: edge.output,
        message: isDigit
          ? {
              de: `Taste ${edge.output} ist zweimal belegt. Jede Taste darf nur zu einem Ziel führen.`,
              en: `Key ${edge.output} has two branches. Each key may lead to one place only.`,
            }
          : {
              de: `Der Ausgang "${edge.output}" ist zweimal verbunden.`,
              en: `The output "${edge.output}" is connected twice.`,
            },
      });
    }
    used.add(key);
  }
  return diagnostics;
}

function checkOutputs(flow: Flow): Diagnostic[] {
  const graph = buildGraph(flow);
  const diagnostics: Diagnostic[] = [];
  for (const node of flow.nodes) {
    for (const output of nodeOutputs(node)) {
      if (!output.required || graph.edge(node.id, output.name) !== undefined) continue;
      diagnostics.push(unconnected(node, output.name, output.label));
    }
    if (node.type === 'Menu') {
      const branches = graph.connectedOutputs(node.id).filter((o) => /^[0-9*#]$/.test(o) || o === 'direct');
      if (branches.length === 0) {
        diagnostics.push({
          code: 'menu-no-branches',
          severity: 'error',
          nodeId: node.id,
          message: {
            de: 'Das Menü hat keine Taste, die irgendwohin führt.',
            en: 'The menu has no key that leads anywhere.',
          },
        });
      }
    }
  }
  return diagnostics;
}

function unconnected(node: FlowNode, output: string, label: { de: string; en: string }): Diagnostic {
  if (node.type === 'Menu' && (output === 'timeout' || output === 'invalid')) {
    return output === 'timeout'
      ? {
          code: 'menu-no-timeout',
          severity: 'error',
          nodeId: node.id,
          output,
          message: {
            de: 'Was passiert, wenn der Anrufer nichts drückt? Verbinden Sie den Ausgang „Keine Eingabe“.',
            en: 'What happens when the caller presses nothing? Connect the "Timeout" output.',
          },
        }
      : {
          code: 'menu-no-invalid',
          severity: 'error',
          nodeId: node.id,
          output,
          message: {
            de: 'Was passiert bei einer falschen Taste? Verbinden Sie den Ausgang „Falsche Eingabe“.',
            en: 'What happens when the caller presses a wrong key? Connect the "Invalid" output.',
          },
        };
  }
  return {
    code: 'unconnected-output',
    severity: 'error',
    nodeId: node.id,
    output,
    message: {
      de: `Der Ausgang „${label.de}“ ist mit nichts verbunden.`,
      en: `The output "${label.en}" is not connected to anything.`,
    },
  };
}

/** Every node a node's edges lead to (duplicates included: they are reported once, elsewhere). */
function successors(flow: Flow): Map<string, string[]> {
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  const map = new Map<string, string[]>(flow.nodes.map((n) => [n.id, []]));
  for (const e of flow.edges) {
    const from = nodes.get(e.from);
    const list = map.get(e.from);
    if (!from || !list || !nodes.has(e.to) || list.includes(e.to)) continue;
    if (nodeOutputs(from).some((o) => o.name === e.output)) list.push(e.to);
  }
  return map;
}

function checkReachable(flow: Flow): Diagnostic[] {
  const start = flow.nodes.find((n) => n.type === 'Start');
  if (!start) return [];
  const next = successors(flow);
  const seen = new Set<string>([start.id]);
  const stack = [start.id];
  while (stack.length > 0) {
    for (const to of next.get(stack.pop()!) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  return flow.nodes
    .filter((n) => !seen.has(n.id))
    .map((n) => ({
      code: 'unreachable-node' as const,
      severity: 'warning' as const,
      nodeId: n.id,
      message: {
        de: 'Dieser Baustein wird nie erreicht: Keine Verbindung führt zu ihm.',
        en: 'This node is never reached: no connection leads to it.',
      },
    }));
}

/**
 * A cycle made only of nodes that never wait for the caller would spin forever. Cycles through a
 * menu, a digit collection or a PIN prompt are fine: the caller moves them on, and retries end them.
 */
function checkEndlessLoops(flow: Flow): Diagnostic[] {
  const quiet = new Set(flow.nodes.filter((n) => !readsCallerInput(n)).map((n) => n.id));
  const next = successors(flow);
  const diagnostics: Diagnostic[] = [];
  for (const component of stronglyConnected([...quiet], (id) => (next.get(id) ?? []).filter((t) => quiet.has(t)))) {
    const selfLoop = component.length === 1 && (next.get(component[0]!) ?? []).includes(component[0]!);
    if (component.length < 2 && !selfLoop) continue;
    const ids = [...component].sort();
    diagnostics.push({
      code: 'endless-loop',
      severity: 'error',
      nodeId: ids[0],
      message: {
        de: `Endlosschleife ohne Eingabe des Anrufers: ${ids.join(' → ')}. Bauen Sie ein Menü oder ein Ende ein.`,
        en: `Endless loop without caller input: ${ids.join(' → ')}. Add a menu or an end to it.`,
      },
    });
  }
  return diagnostics;
}

/** Tarjan's algorithm, iterative, so that 1,000-node flows do not exhaust the stack. */
function stronglyConnected(ids: string[], next: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; children: string[]; i: number }> = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, children: next(id), i: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.children.length) {
        const child = frame.children[frame.i++]!;
        if (!index.has(child)) open(child);
        else if (onStack.has(child)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component);
      }
    }
  }
  return components;
}

function checkResources(flow: Flow, r: KnownResources): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const missing = (
    node: FlowNode,
    list: string[] | undefined,
    value: string,
    code: Diagnostic['code'],
    what: { de: string; en: string },
  ) => {
    if (!list || value === '' || list.includes(value)) return;
    diagnostics.push({
      code,
      severity: 'error',
      nodeId: node.id,
      message: {
        de: `${what.de} „${value}“ gibt es nicht.`,
        en: `${what.en} "${value}" does not exist.`,
      },
    });
  };
  const ext = { de: 'Die Nebenstelle', en: 'Extension' };
  for (const node of flow.nodes) {
    switch (node.type) {
      case 'Dial':
        for (const t of node.params.targets) if (!t.startsWith('$')) missing(node, r.extensions, t, 'unknown-extension', ext);
        break;
      case 'Menu':
        for (const t of node.params.directDial) missing(node, r.extensions, t, 'unknown-extension', ext);
        break;
      case 'Queue':
        missing(node, r.queues, node.params.queue, 'unknown-queue', { de: 'Die Warteschlange', en: 'Queue' });
        break;
      case 'Voicemail':
        missing(node, r.mailboxes, node.params.mailbox, 'unknown-mailbox', { de: 'Die Mailbox', en: 'Mailbox' });
        break;
      case 'Conference':
        missing(node, r.rooms, node.params.room, 'unknown-room', { de: 'Der Konferenzraum', en: 'Conference room' });
        break;
      case 'GotoFlow':
        missing(node, r.flows, node.params.flow, 'unknown-flow', { de: 'Der Ablauf', en: 'Flow' });
        break;
      case 'TransferExternal':
        missing(node, r.routes, node.params.route, 'unknown-route', { de: 'Die ausgehende Route', en: 'Outbound route' });
        break;
    }
    const prompt = 'prompt' in node.params ? node.params.prompt : undefined;
    if (prompt && typeof prompt === 'object' && 'kind' in prompt && prompt.kind === 'upload') {
      missing(node, r.prompts, prompt.id, 'unknown-prompt', { de: 'Die Ansage', en: 'Prompt' });
    }
  }
  return diagnostics;
}

/**
 * Variables read by a condition or an HTTP request but never set in this flow: a warning, as a
 * parent flow may set them.
 */
function checkVariables(flow: Flow): Diagnostic[] {
  const set = new Set<string>(['DIRECT_EXTENSION', CALLER_ID_REFERENCE]);
  for (const node of flow.nodes) {
    if (node.type === 'SetVariable') set.add(node.params.name);
    if (node.type === 'CollectDigits') set.add(node.params.variable);
    if (node.type === 'HttpRequest') for (const m of node.params.responseMapping) set.add(m.variable);
  }
  const unset = (node: FlowNode, name: string): Diagnostic => ({
    code: 'unset-variable',
    severity: 'warning',
    nodeId: node.id,
    message: {
      de: `Die Variable ${name} wird in diesem Ablauf nirgends gesetzt.`,
      en: `The variable ${name} is never set in this flow.`,
    },
  });
  return flow.nodes.flatMap((node): Diagnostic[] => {
    if (node.type === 'Condition') {
      return node.params.subject === 'callerId' || set.has(node.params.subject) ? [] : [unset(node, node.params.subject)];
    }
    if (node.type === 'HttpRequest') {
      const names = templateReferences(`${node.params.url} ${node.params.body}`);
      return names.filter((name) => !set.has(name)).map((name) => unset(node, name));
    }
    return [];
  });
}
