import { parseFlow, validateFlow, type Diagnostic, type Flow } from '@stumpfworks/flow';
import type { Kysely } from 'kysely';
import type { Database, FlowRow } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { requestLanguage, say } from '../../http/language.js';
import { knownResources } from '../../resources/known-resources.js';

/** Parses a flow document or throws 422 with parseFlow's paths (the issues in the request's language). */
export function parseOrThrow(document: unknown): Flow {
  const result = parseFlow(document);
  if (!result.ok) {
    const language = requestLanguage();
    throw new AppError('validation', say({ de: 'Kein gültiges Ablauf-Dokument', en: 'not a valid flow document' }), {
      issues: result.problems.map((p) => ({ path: p.path, message: p.message[language] })),
    });
  }
  return result.flow;
}

/**
 * Diagnostics of a flow against what exists on the PBX; its CallFlow nodes against the other
 * flows' drafts (recursion, depth).
 */
export async function diagnose(db: Kysely<Database>, flow: Flow): Promise<Diagnostic[]> {
  const calls = flow.nodes.some((node) => node.type === 'CallFlow');
  return validateFlow(flow, await knownResources(db), calls ? await draftFlows(db) : undefined);
}

/** Every stored flow's draft (a sub-flow's calls are checked against what the admin is editing). */
async function draftFlows(db: Kysely<Database>): Promise<Flow[]> {
  const rows = await db.selectFrom('flows').select('draft').execute();
  return rows.map((row) => JSON.parse(row.draft) as Flow);
}

/** Refuses a flow with error diagnostics: 422 with the diagnostics (the issues in the request's language). */
export function throwOnErrors(diagnostics: Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return;
  const language = requestLanguage();
  throw new AppError('validation', say({ de: 'Der Ablauf hat Fehler', en: 'the flow has errors' }), {
    issues: errors.map((d) => ({ path: d.nodeId ? `nodes "${d.nodeId}"${d.output ? `.${d.output}` : ''}` : '(flow)', message: d.message[language] })),
    diagnostics,
  });
}

export function summary(row: FlowRow) {
  return { id: row.id, name: row.name, publishedVersion: row.published_version, updatedAt: row.updated_at, revision: row.revision };
}

export async function detail(db: Kysely<Database>, row: FlowRow) {
  const draft = JSON.parse(row.draft) as Flow;
  return { ...summary(row), draft: draft as unknown as Record<string, unknown>, diagnostics: await diagnose(db, draft) };
}
