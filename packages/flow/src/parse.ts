import type { z } from 'zod';
import { nodeTypes } from './catalogue.js';
import { CURRENT_SCHEMA_VERSION, currentFlowSchema, type Flow } from './flow.schema.js';
import { ENGLISH_PARSE, issueText } from './messages.js';
import { missingFieldText } from './missing-field.js';
import type { I18nText } from './nodes/node-type.js';

/** One reason a document is not a flow, with the place it was found. */
export interface ParseProblem {
  /** A readable path into the document, like `nodes[2] "menu".params.timeoutSeconds`. */
  path: string;
  /** What is wrong, in German and English (the path stays as it is in both). */
  message: I18nText;
}

export type ParseResult = { ok: true; flow: Flow } | { ok: false; problems: ParseProblem[] };

/**
 * Reads a flow document from JSON text or an already parsed value. Never half-accepts: either
 * the whole flow is valid against the schema, or every problem found is returned.
 *
 * @example
 * const result = parseFlow(readFileSync('examples/musterfirma.flow.json', 'utf8'));
 * if (!result.ok) console.error(result.problems);
 */
export function parseFlow(input: string | unknown): ParseResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      // The parser's own detail (a position) is only available in English.
      const detail = (error as Error).message;
      return { ok: false, problems: [{ path: '(document)', message: { de: `Kein gültiges JSON: ${detail}`, en: `not valid JSON: ${detail}` } }] };
    }
  }
  const early = checkEnvelope(value);
  if (early.length > 0) return { ok: false, problems: early };

  const result = currentFlowSchema().safeParse(value, ENGLISH_PARSE);
  if (!result.success) {
    return { ok: false, problems: result.error.issues.map((issue) => toProblem(issue, value)) };
  }
  const duplicates = duplicateNodeIds(result.data);
  if (duplicates.length > 0) return { ok: false, problems: duplicates };
  return { ok: true, flow: result.data };
}

/** Problems that make zod's own messages unhelpful: wrong version, unknown node types. */
function checkEnvelope(value: unknown): ParseProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path: '(document)', message: { de: 'Ein Ablauf muss ein JSON-Objekt sein', en: 'a flow must be a JSON object' } }];
  }
  const doc = value as Record<string, unknown>;
  const version = doc.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return [
      {
        path: 'schemaVersion',
        message: {
          de: `Muss eine ganze Zahl sein; diese Version schreibt ${CURRENT_SCHEMA_VERSION}`,
          en: `must be a whole number; this version writes ${CURRENT_SCHEMA_VERSION}`,
        },
      },
    ];
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return [
      {
        path: 'schemaVersion',
        message: {
          de: `Der Ablauf wurde von einer neueren Version gespeichert (schemaVersion ${version}); diese Version liest bis ${CURRENT_SCHEMA_VERSION}. Aktualisieren Sie StumpfWorks VoIP, um ihn zu öffnen.`,
          en: `the flow was saved by a newer version (schemaVersion ${version}); this version reads up to ${CURRENT_SCHEMA_VERSION}. Update StumpfWorks VoIP to open it.`,
        },
      },
    ];
  }
  const problems: ParseProblem[] = [];
  if (Array.isArray(doc.nodes)) {
    const known = nodeTypes().map((d) => d.type);
    doc.nodes.forEach((node, index) => {
      const type = (node as { type?: unknown } | null)?.type;
      if (typeof type !== 'string' || !known.includes(type)) {
        problems.push({
          path: `${nodePath(doc, index)}.type`,
          message: {
            de: `Unbekannter Bausteintyp ${JSON.stringify(type)}; bekannte Typen: ${known.join(', ')}`,
            en: `unknown node type ${JSON.stringify(type)}; known types: ${known.join(', ')}`,
          },
        });
      }
    });
  }
  return problems;
}

function duplicateNodeIds(flow: Flow): ParseProblem[] {
  const seen = new Set<string>();
  const problems: ParseProblem[] = [];
  flow.nodes.forEach((node, index) => {
    if (seen.has(node.id)) {
      problems.push({
        path: `nodes[${index}].id`,
        message: { de: `Die Kennung "${node.id}" ist schon an einen anderen Baustein vergeben`, en: `node id "${node.id}" is used twice` },
      });
    }
    seen.add(node.id);
  });
  return problems;
}

function nodePath(doc: Record<string, unknown>, index: number): string {
  const nodes = doc.nodes as Array<{ id?: unknown } | null>;
  const id = nodes[index]?.id;
  return typeof id === 'string' ? `nodes[${index}] "${id}"` : `nodes[${index}]`;
}

function toProblem(issue: z.core.$ZodIssue, doc: unknown): ParseProblem {
  const parts: string[] = [];
  issue.path.forEach((key, i) => {
    if (i === 1 && issue.path[0] === 'nodes' && typeof key === 'number') {
      parts.length = 0;
      parts.push(nodePath(doc as Record<string, unknown>, key));
    } else if (typeof key === 'number') {
      parts.push(`${parts.pop() ?? ''}[${key}]`);
    } else {
      parts.push(String(key));
    }
  });
  return { path: parts.join('.') || '(document)', message: missingFieldText(issue, doc) ?? issueText(issue) };
}
