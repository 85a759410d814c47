import type { Flow } from '@stumpfworks/flow';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { stageVersion } from '../flows/flows.repository.js';
import type { ConfFiles } from './conf-files.js';
import { buildConfigSet, type BuildOptions, type ConfigSetResult, type GeneratedFile } from './config-set.js';
import { planDiffs, planPublish, readLiveFiles } from './plan.js';
import { notCompiling } from './refusals.js';

/** What a publish would change, computed without writing anything. */
export interface PublishPreview {
  changedFiles: GeneratedFile[];
  flowVersions: Record<string, number>;
  /** Unified diff per changed file against the files Asterisk runs now, secrets masked. */
  diff: Record<string, string>;
}

/**
 * The plan of a publish with `drafts` as if they were released, against the live files: the very
 * build and plan a publish makes. Writes, reloads and records nothing; throws AppError 422 when
 * the set does not compile.
 */
export async function previewPublish(db: Kysely<Database>, files: ConfFiles, drafts: Flow[], options?: BuildOptions): Promise<PublishPreview> {
  const built = await buildWithDrafts(db, drafts, options);
  if (!built.ok) throw notCompiling(built).error;
  const plan = planPublish(built.set, readLiveFiles(files));
  return { changedFiles: plan.changed, flowVersions: built.set.flowVersions, diff: planDiffs(plan) };
}

/** Thrown inside the preview's transaction so that it is rolled back. */
class PreviewRollback extends Error {}

/** buildConfigSet with `drafts` released in a transaction that is then rolled back: no trace in the store. */
async function buildWithDrafts(db: Kysely<Database>, drafts: Flow[], options: BuildOptions = {}): Promise<ConfigSetResult> {
  if (drafts.length === 0) return buildConfigSet(db, options);
  let built: ConfigSetResult | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      for (const flow of drafts) await stageVersion(trx, flow.id, JSON.stringify(flow), 'preview', null);
      built = await buildConfigSet(trx, options);
      throw new PreviewRollback();
    });
  } catch (error) {
    if (!(error instanceof PreviewRollback)) throw error;
  }
  return built!;
}
