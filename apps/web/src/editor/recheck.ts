import type { KnownResources } from '@stumpfworks/flow';
import { checkDraft, type Checked, type DraftFlow, type DraftNode } from './draft.js';

/** A draft with its check, as the store keeps them. */
export interface CheckedDraft {
  draft: DraftFlow;
  /** The server's lists the check used (undefined: not loaded). */
  resources: KnownResources | undefined;
  checked: Checked;
}

const finite = (node: DraftNode) => !node.position || (Number.isFinite(node.position.x) && Number.isFinite(node.position.y));

/** Whether two objects have the same keys with the same values (by identity), `except` aside. */
function sameFields(a: object, b: object, except: string): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => k !== except);
  return keys.length === Object.keys(y).filter((k) => k !== except).length && keys.every((k) => k in y && x[k] === y[k]);
}

/**
 * Whether `next` differs from `previous` at most in where its nodes are (a drag, an auto-layout),
 * with every new position a valid one. Params, labels and edges are compared by identity, which
 * the editor's reducer keeps for what it does not change.
 */
export function onlyPositionsChanged(previous: DraftFlow, next: DraftFlow): boolean {
  return (
    sameFields(previous, next, 'nodes') &&
    previous.nodes.length === next.nodes.length &&
    next.nodes.every((node, i) => sameFields(previous.nodes[i]!, node, 'position') && finite(node))
  );
}

/**
 * checkDraft(draft, resources), reusing the last check when only node positions changed: they
 * change no diagnostic, so the diagnostics stay the same array and the parsed flow gets the new
 * positions. On a flow of 1,000 nodes this saves parsing and validating on every drag step.
 */
export function recheckDraft(last: CheckedDraft | undefined, draft: DraftFlow, resources?: KnownResources): Checked {
  const flow = last?.checked.flow;
  if (!last || !flow || last.resources !== resources || !onlyPositionsChanged(last.draft, draft)) return checkDraft(draft, resources);
  if (flow.nodes.some((node, i) => node.id !== draft.nodes[i]?.id)) return checkDraft(draft, resources);
  const nodes = flow.nodes.map((node, i) => {
    const position = draft.nodes[i]!.position;
    const { position: _old, ...rest } = node;
    return position ? { ...rest, position: { x: position.x, y: position.y } } : rest;
  });
  return { ...last.checked, flow: { ...flow, nodes } };
}
