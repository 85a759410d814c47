import type { z } from 'zod';
import { nodeTypeDescription } from './catalogue.js';
import type { I18nText } from './nodes/node-type.js';

/** A value to show for a missing field of the document itself, or of an edge. */
const DOCUMENT_EXAMPLES: Record<string, unknown> = {
  id: 'main',
  name: 'Hotline',
  nodes: [{ id: 'start', type: 'Start', params: {} }],
  edges: [],
};
const EDGE_EXAMPLES: Record<string, unknown> = { from: 'start', output: 'next', to: 'menu' };
const NODE_EXAMPLES: Record<string, unknown> = { id: 'menu' };

/** What zod expected, as a reader says it. */
const KINDS: Record<string, I18nText> = {
  object: { de: 'ein Objekt { … }', en: 'an object { … }' },
  array: { de: 'eine Liste [ … ]', en: 'a list [ … ]' },
  string: { de: 'ein Text "…"', en: 'a text "…"' },
  number: { de: 'eine Zahl', en: 'a number' },
  boolean: { de: 'true oder false', en: 'true or false' },
};

/**
 * The message for a field the document leaves out, naming the field and the fix: zod's own says
 * only "expected object, received undefined". The example is the node type's `seed` where it has
 * one (a valid value by its contract), so adding it makes the node valid. Undefined for any other
 * issue.
 */
export function missingFieldText(issue: z.core.$ZodIssue, doc: unknown): I18nText | undefined {
  if (issue.code !== 'invalid_type' || issue.input !== undefined) return undefined;
  const field = issue.path.at(-1);
  if (typeof field !== 'string') return undefined;
  const example = exampleFor(issue.path, doc);
  const fix: I18nText =
    example === undefined
      ? { de: `ergänzen Sie "${field}" (${KINDS[issue.expected]?.de ?? issue.expected})`, en: `add "${field}" (${KINDS[issue.expected]?.en ?? issue.expected})` }
      : { de: `ergänzen Sie zum Beispiel "${field}": ${JSON.stringify(example)}`, en: `add for example "${field}": ${JSON.stringify(example)}` };
  const type = nodeTypeAt(issue.path, doc);
  if (type !== undefined && issue.path.length === 3 && field === 'params') {
    return {
      de: `„params“ fehlt: Ein Baustein vom Typ ${type} braucht seine Einstellungen; ${fix.de}`,
      en: `"params" is missing: a ${type} node needs its settings; ${fix.en}`,
    };
  }
  return { de: `„${field}“ fehlt; ${fix.de}`, en: `"${field}" is missing; ${fix.en}` };
}

function exampleFor(path: readonly PropertyKey[], doc: unknown): unknown {
  const field = path.at(-1) as string;
  if (path.length === 1) return DOCUMENT_EXAMPLES[field];
  if (path.length === 3 && path[0] === 'edges') return EDGE_EXAMPLES[field];
  const type = nodeTypeAt(path, doc);
  if (type === undefined) return undefined;
  if (path.length === 3) return field === 'params' ? (nodeTypeDescription(type)?.seed ?? {}) : NODE_EXAMPLES[field];
  if (path.length === 4 && path[2] === 'params') return (nodeTypeDescription(type)?.seed as Record<string, unknown> | undefined)?.[field];
  return undefined;
}

/** The type of the node a path leads into (`nodes[2]...`), when the document names one. */
function nodeTypeAt(path: readonly PropertyKey[], doc: unknown): string | undefined {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number') return undefined;
  const nodes = (doc as { nodes?: unknown }).nodes;
  const type = Array.isArray(nodes) ? (nodes[path[1]] as { type?: unknown } | null)?.type : undefined;
  return typeof type === 'string' ? type : undefined;
}
