import type { Flow } from '@stumpfworks/flow';
import type { Kysely } from 'kysely';
import type { AmiOptions } from '../asterisk/ami.js';
import type { Ari } from '../asterisk/ari.js';
import type { Database } from '../db/tables.js';
import { AppError } from '../errors.js';
import type { Bilingual } from '../http/language.js';
import { applyPlan, type ApplyTarget } from './apply.js';
import type { ConfFiles } from './conf-files.js';
import { buildConfigSet, type BuildOptions, type ConfigSet, type ConfigSetResult, type GeneratedFile } from './config-set.js';
import { encodeDiffs, planPublish, readLiveFiles, type EncodedDiffs } from './plan.js';
import { previewPublish, type PublishPreview } from './preview.js';
import { PublishLog, type LoggedChange } from './publish-log.js';
import { askReachable, failedBeforeWriting, notCompiling, refusedByAsterisk, soundsFailed, unreachable } from './refusals.js';
import { openLiveChecks } from './verify.js';

export interface PublishResult {
  id: string;
  outcome: 'applied' | 'unchanged';
  changedFiles: GeneratedFile[];
  reloadedModules: string[];
  flowVersions: Record<string, number>;
  /** Unified diff per changed file, secrets masked (maskSecrets). */
  diff: Record<string, string>;
}

/** A publish's result and the answer's body. */
export interface Published {
  result: PublishResult;
  /** `result` as UTF-8 JSON; its diff (some hundred KB for a new configuration) was encoded while Asterisk reloaded. */
  json: Uint8Array<ArrayBuffer>;
}

/** A change of the stored state that a publish puts live, and how to take it back if the publish fails. */
export interface StagedChange<T> {
  apply(): Promise<T>;
  revert(applied: T, error: unknown): Promise<void>;
}

export interface Publisher {
  /** Builds, plans, applies (write, reload, check) and logs; throws AppError (422, 502, 503) on failure, after rolling back. */
  publish(actor: string): Promise<Published>;
  /** What publish would change with `drafts` as if they were released (previewPublish). */
  preview(drafts?: Flow[]): Promise<PublishPreview>;
  /**
   * Applies `change` (e.g. freezes a flow version), then publishes, in the one publish queue; when
   * the publish fails, `change.revert` runs before the error is thrown on.
   */
  publishChange<T>(actor: string, change: StagedChange<T>): Promise<{ applied: T; result: PublishResult }>;
}

export interface PublisherDeps {
  db: Kysely<Database>;
  files: ConfFiles;
  ari: Ari;
  ami: AmiOptions;
  /** Puts the flows' sounds where Asterisk finds them (before the dialplan that plays them goes live). */
  sounds?: (set: ConfigSet) => Promise<string[]>;
  /** Reads the live state back after a reload; default verifyLive (ARI + AMI). Returns problems. */
  verify?: (set: ConfigSet, files: GeneratedFile[]) => Promise<string[]>;
  /** Test hook: changes the files just before they are written (fault injection). */
  beforeWrite?: (files: Record<GeneratedFile, string>) => Record<GeneratedFile, string>;
  /** The build of the stored state for a publish; default buildConfigSet(db). The server passes PreparedBuilds.current. */
  build?: () => Promise<ConfigSetResult>;
  /** What builds need besides the store (the SIP network of the trunks' transports); previews build with it too. */
  buildOptions?: BuildOptions;
  /** After a publish that applied (or found nothing to change): the set Asterisk now runs (the server updates the ARI runtime's flows). */
  onPublished?: (set: ConfigSet) => void;
}

/** A publisher that refuses every publish (no Asterisk configured). */
export function unavailablePublisher(reason: string): Publisher {
  const refuse = () => Promise.reject(new AppError('asterisk-unavailable', reason));
  return { publish: refuse, preview: refuse, publishChange: refuse };
}

/** One publish at a time, in this process. */
function serialised<T>(fn: () => Promise<T>, state: { tail: Promise<unknown> }): Promise<T> {
  const run = state.tail.then(fn, fn);
  state.tail = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

export function createPublisher(deps: PublisherDeps): Publisher {
  const queue = { tail: Promise.resolve() as Promise<unknown> };
  return {
    publish: (actor) => serialised(() => publishOnce(deps, actor), queue),
    preview: (drafts = []) => serialised(() => previewPublish(deps.db, deps.files, drafts, deps.buildOptions), queue),
    publishChange: (actor, change) =>
      serialised(async () => {
        const applied = await change.apply();
        try {
          return { applied, result: (await publishOnce(deps, actor)).result };
        } catch (error) {
          await change.revert(applied, error);
          throw error;
        }
      }, queue),
  };
}

/** The body of a publish's answer: `result` as JSON, its diff as `diffJson` already encoded. */
function answer(result: PublishResult, diffJson: Buffer): Published {
  const { diff, ...rest } = result;
  const head = Buffer.from(`${JSON.stringify(rest).slice(0, -1)},"diff":`);
  return { result, json: Buffer.concat([head, diffJson, Buffer.from('}')]) };
}

/** Where a plan is applied: the generated files, ARI's reloads, and the checks of `set`. */
function targetOf(deps: PublisherDeps, set: ConfigSet): ApplyTarget {
  const verify = deps.verify;
  return {
    files: deps.files,
    reloadModule: (module) => deps.ari.reloadModule(module),
    openChecks: verify ? () => ({ check: (file) => verify(set, [file]), close: () => undefined }) : () => openLiveChecks(deps.ari, deps.ami, set),
  };
}

/** Puts the set's sounds in place; why that failed, or undefined. */
async function prepareSounds(deps: PublisherDeps, set: ConfigSet): Promise<Bilingual | undefined> {
  try {
    await deps.sounds?.(set);
    return undefined;
  } catch (error) {
    return soundsFailed(error);
  }
}

/** The phases of one publish: build, plan, apply; the log records each attempt. */
async function publishOnce(deps: PublisherDeps, actor: string): Promise<Published> {
  const log = new PublishLog(deps.db, actor);
  // Asked at once, answered while the build is read and the sounds are put in place.
  const reachable = askReachable(deps.ari);
  const built = await (deps.build ? deps.build() : buildConfigSet(deps.db, deps.buildOptions));
  if (!built.ok) {
    const { error, reason } = notCompiling(built, log.id);
    await log.rejected(reason);
    throw error;
  }
  const set = built.set;
  const failed = await prepareSounds(deps, set);
  if (failed) {
    await log.rejected(failed.en, set.flowVersions);
    throw failedBeforeWriting(failed, log.id);
  }
  const plan = planPublish(set, readLiveFiles(deps.files), deps.beforeWrite?.(set.files));
  const down = await reachable;
  if (down) {
    await log.rejected(down.en, set.flowVersions);
    throw unreachable(down, log.id);
  }
  if (plan.changed.length === 0) {
    await log.unchanged(set.flowVersions);
    deps.onPublished?.(set);
    return answer({ id: log.id, outcome: 'unchanged', changedFiles: [], reloadedModules: [], flowVersions: set.flowVersions, diff: {} }, Buffer.from('{}'));
  }

  // The diffs are made while Asterisk reloads the first file, or at the end if it never did.
  let diffs: EncodedDiffs | undefined;
  const change = (): LoggedChange => ({ flowVersions: set.flowVersions, changed: plan.changed, diff: (diffs ??= encodeDiffs(plan)).json });
  const applied = await applyPlan(targetOf(deps, set), plan, () => log.pending(change()));
  if (applied.ok) {
    await log.finished(change(), 'applied', null);
    deps.onPublished?.(set);
    const { reloadedModules } = applied;
    return answer({ id: log.id, outcome: 'applied', changedFiles: plan.changed, reloadedModules, flowVersions: set.flowVersions, diff: diffs!.byFile }, diffs!.bytes);
  }
  await log.finished(change(), 'rolled-back', [...applied.problems, ...applied.restoreProblems].join('\n'));
  throw refusedByAsterisk(log.id, applied.problems, applied.restoreProblems, diffs!.byFile);
}
