import { randomUUID } from 'node:crypto';
import type { Flow } from '@stumpfworks/flow';
import type { Kysely } from 'kysely';
import { openAmiSession, type AmiOptions, type AmiSession } from '../asterisk/ami.js';
import type { Ari } from '../asterisk/ari.js';
import type { Database, PublishRow } from '../db/tables.js';
import { AppError } from '../errors.js';
import { say, type Bilingual } from '../http/language.js';
import { stageVersion } from '../flows/flows.repository.js';
import { buildConfigSet, GENERATED_FILES, type BuildOptions, type ConfigSet, type ConfigSetResult, type GeneratedFile } from './config-set.js';
import type { ConfFiles } from './conf-files.js';
import { maskSecrets, unifiedDiff } from './diff.js';
import { finishPublish, recordPublish } from './publishes.repository.js';
import { verifyLive } from './verify.js';

export interface PublishResult {
  id: string;
  outcome: 'applied' | 'unchanged';
  changedFiles: GeneratedFile[];
  reloadedModules: string[];
  flowVersions: Record<string, number>;
  /** Unified diff per changed file, secrets masked (maskSecrets). */
  diff: Record<string, string>;
}

/** The diffs of each applied publish as UTF-8 JSON, made once while Asterisk reloaded; publishResultBody reuses them. */
const diffBytes = new WeakMap<PublishResult, Buffer>();

/**
 * The body of POST /publish: the result as UTF-8 JSON. Its diff (a whole new configuration is some
 * hundred KB) was serialised and encoded once during the publish, while Asterisk reloaded; only
 * the few other fields are encoded here.
 */
export function publishResultBody(result: PublishResult): Uint8Array<ArrayBuffer> {
  const { diff, ...rest } = result;
  const head = Buffer.from(`${JSON.stringify(rest).slice(0, -1)},"diff":`);
  return Buffer.concat([head, diffBytes.get(result) ?? Buffer.from(JSON.stringify(diff)), Buffer.from('}')]);
}

/** What a publish would change, computed without writing anything. */
export interface PublishPreview {
  changedFiles: GeneratedFile[];
  flowVersions: Record<string, number>;
  /** Unified diff per changed file against the files Asterisk runs now, secrets masked. */
  diff: Record<string, string>;
}

/** A change of the stored state that a publish puts live, and how to take it back if the publish fails. */
export interface StagedChange<T> {
  apply(): Promise<T>;
  revert(applied: T, error: unknown): Promise<void>;
}

export interface Publisher {
  /** Compiles, writes, reloads and checks; throws AppError (422, 502, 503) on failure, after rolling back. */
  publish(actor: string): Promise<PublishResult>;
  /**
   * Compiles the whole configuration exactly like publish, with `drafts` as if they were released,
   * and diffs it against the live files. Writes, reloads and records nothing; throws AppError 422
   * when the set does not compile.
   */
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
    preview: (drafts = []) => serialised(() => previewOnce(deps, drafts), queue),
    publishChange: (actor, change) =>
      serialised(async () => {
        const applied = await change.apply();
        try {
          return { applied, result: await publishOnce(deps, actor) };
        } catch (error) {
          await change.revert(applied, error);
          throw error;
        }
      }, queue),
  };
}

/** Thrown inside the preview's transaction so that it is rolled back. */
class PreviewRollback extends Error {}

/**
 * buildConfigSet with `drafts` released in a transaction that is then rolled back: the preview runs
 * the very code a publish runs and leaves no trace in the store.
 */
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

/** The 422 for a configuration set that does not compile, with the reason as one text. */
function notCompiling(built: Extract<ConfigSetResult, { ok: false }>, publishId?: string): { error: AppError; reason: string } {
  const reason = [...built.problems, ...built.diagnostics.map((d) => `flow "${d.flowId}": ${d.diagnostics.map((x) => x.message.en).join('; ')}`)].join('\n');
  const error = new AppError('validation', say({ de: 'Die Konfiguration lässt sich nicht erzeugen', en: 'the configuration does not compile' }), {
    issues: [...built.problems.map((message) => ({ path: '(config)', message }))],
    diagnostics: built.diagnostics,
    ...(publishId ? { publishId } : {}),
  });
  return { error, reason };
}

/** The live files and which of them `next` changes. */
function changesAgainstLive(files: ConfFiles, next: Record<GeneratedFile, string>) {
  const names = Object.keys(GENERATED_FILES) as GeneratedFile[];
  const previous = Object.fromEntries(names.map((n) => [n, files.read(n)])) as Record<GeneratedFile, string>;
  return { previous, changed: names.filter((n) => previous[n] !== next[n]) };
}

/** The unified diff of one file as the API shows and stores it: secrets masked. */
function fileDiff(name: GeneratedFile, before: string, after: string): string {
  return maskSecrets(unifiedDiff(name, before, after));
}

/** The unified diff of each changed file. */
function diffsOf(changed: GeneratedFile[], previous: Record<GeneratedFile, string>, next: Record<GeneratedFile, string>): Record<string, string> {
  return Object.fromEntries(changed.map((n) => [n, fileDiff(n, previous[n], next[n])]));
}

/** The live files, which of them `next` changes, and the unified diff of each. */
function diffAgainstLive(files: ConfFiles, next: Record<GeneratedFile, string>) {
  const { previous, changed } = changesAgainstLive(files, next);
  return { previous, changed, diff: diffsOf(changed, previous, next) };
}

/** Writes the files side by side (each atomically). */
async function writeAll(files: ConfFiles, names: GeneratedFile[], texts: Record<GeneratedFile, string>): Promise<void> {
  await Promise.all(names.map((n) => files.write(n, texts[n])));
}

async function previewOnce(deps: PublisherDeps, drafts: Flow[]): Promise<PublishPreview> {
  const built = await buildWithDrafts(deps.db, drafts, deps.buildOptions);
  if (!built.ok) throw notCompiling(built).error;
  const { changed, diff } = diffAgainstLive(deps.files, built.set.files);
  return { changedFiles: changed, flowVersions: built.set.flowVersions, diff };
}

async function reload(deps: PublisherDeps, files: GeneratedFile[]): Promise<string[]> {
  const modules = files.map((f) => GENERATED_FILES[f]);
  for (const module of modules) await deps.ari.reloadModule(module);
  return modules;
}

/**
 * Reloads the modules of `files` one after the other in their order (Asterisk reloads one module
 * at a time; GENERATED_FILES puts the longest reload first), each once its file is written
 * (`written`: settled to an error or undefined), and checks each file once its module is reloaded.
 * Right after the first reload is asked for, `duringFirstReload` does the publish's own work; the
 * check of each file starts while the next one reloads. Asterisk never waits for Node, and Node
 * works while Asterisk reloads. Returns the problems found, each once.
 */
async function reloadAndVerify(
  deps: PublisherDeps,
  set: ConfigSet,
  files: GeneratedFile[],
  written: (file: GeneratedFile) => Promise<unknown>,
  duringFirstReload: () => void,
): Promise<{ reloaded: string[]; problems: string[] }> {
  // The default checks share one AMI login, made once the first reload is asked for (it is then
  // done while that module reloads, and does not delay the request).
  let session: AmiSession | undefined;
  const verify = deps.verify ?? ((s: ConfigSet, f: GeneratedFile[]) => verifyLive(deps.ari, session!.run, s, f));
  const reloaded: string[] = [];
  const checks: Array<Promise<string[]>> = [];
  let unchecked: GeneratedFile | undefined;
  const checkReloaded = () => {
    if (!unchecked) return;
    const file = unchecked;
    unchecked = undefined;
    checks.push(verify(set, [file]).catch((error: unknown) => [`checking ${file} failed: ${(error as Error).message}`]));
  };
  try {
    try {
      for (const [index, file] of files.entries()) {
        const failed = await written(file);
        if (failed) throw failed;
        const reloading = deps.ari.reloadModule(GENERATED_FILES[file]);
        try {
          if (index === 0) {
            if (!deps.verify) session = openAmiSession(deps.ami);
            duringFirstReload();
          }
          checkReloaded();
        } finally {
          await reloading;
        }
        reloaded.push(GENERATED_FILES[file]);
        unchecked = file;
      }
      checkReloaded();
    } catch (error) {
      await Promise.all(checks); // settled (they cannot reject) before the caller rolls back
      throw error;
    }
    return { reloaded, problems: [...new Set((await Promise.all(checks)).flat())] };
  } finally {
    session?.close();
  }
}

async function publishOnce(deps: PublisherDeps, actor: string): Promise<PublishResult> {
  const id = randomUUID();
  const startedAt = new Date().toISOString();
  const records = <T>(write: (db: Kysely<Database>) => Promise<T>) => write(deps.db);
  /** `diff`: the diff per file as JSON. */
  const record = (set: Pick<ConfigSet, 'flowVersions'> | undefined, changed: string[], outcome: PublishRow['outcome'], reason: string | null, diff = '{}') =>
    records((db) =>
      recordPublish(db, {
        id,
        actor,
        started_at: startedAt,
        finished_at: new Date().toISOString(),
        flow_versions: JSON.stringify(set?.flowVersions ?? {}),
        changed_files: JSON.stringify(changed),
        outcome,
        reason,
        diff,
      }),
    );

  // Asked at once, answered while the build is read and the sounds are put in place. The reason
  // is recorded in English; the answer says it in the request's language.
  const alive = deps.ari.ping().then(
    (up): Bilingual | undefined => (up ? undefined : { de: 'Asterisk (ARI) ist nicht erreichbar', en: 'Asterisk (ARI) is not reachable' }),
    (error: unknown): Bilingual => ({
      de: `Die Anfrage an Asterisk (ARI) ist fehlgeschlagen: ${(error as Error).message}`,
      en: `asking Asterisk (ARI) failed: ${(error as Error).message}`,
    }),
  );
  const unchanged = { de: 'es wurde nichts geändert', en: 'nothing was changed' };
  const built = await (deps.build ? deps.build() : buildConfigSet(deps.db, deps.buildOptions));
  if (!built.ok) {
    const { error, reason } = notCompiling(built, id);
    await record(undefined, [], 'rejected', reason);
    throw error;
  }
  const set = built.set;
  if (deps.sounds) {
    try {
      await deps.sounds(set);
    } catch (error) {
      const reason = {
        de: `Die Ansagen konnten nicht vorbereitet werden: ${(error as Error).message}`,
        en: `the prompts could not be prepared: ${(error as Error).message}`,
      };
      await record(set, [], 'rejected', reason.en);
      throw new AppError('publish-failed', `${say(reason)}; ${say(unchanged)}`, { publishId: id });
    }
  }
  const next = deps.beforeWrite ? deps.beforeWrite(set.files) : set.files;
  const { previous, changed } = changesAgainstLive(deps.files, next);
  // Only now: the sounds (added files only) and the reads above overlap the ping.
  const down = await alive;
  if (down) {
    await record(set, [], 'rejected', down.en);
    throw new AppError('asterisk-unavailable', `${say(down)}; ${say(unchanged)}`, { publishId: id });
  }
  if (changed.length === 0) {
    await record(set, [], 'unchanged', null);
    deps.onPublished?.(set);
    return { id, outcome: 'unchanged', changedFiles: [], reloadedModules: [], flowVersions: set.flowVersions, diff: {} };
  }

  let problems: string[];
  let reloaded: string[] = [];
  const diff: Record<string, string> = {};
  // Every file's diff, as JSON (for the record) and as its UTF-8 bytes (for the answer): made once.
  let diffText: string | undefined;
  let diffJsonBytes: Buffer | undefined;
  const allDiffs = () => {
    for (const n of changed) diff[n] ??= fileDiff(n, previous[n], next[n]);
    return (diffText ??= JSON.stringify(diff));
  };
  // The record is written as `pending` while Asterisk reloads, and its outcome set afterwards.
  // Settled to its error, or undefined.
  let pending: Promise<unknown> | undefined;
  const finish = async (outcome: 'applied' | 'rolled-back', reason: string | null) => {
    const failed = pending ? await pending : true;
    if (failed) await record(set, changed, outcome, reason, allDiffs());
    else await records((db) => finishPublish(db, id, { outcome, reason, finished_at: new Date().toISOString() }));
  };
  // Each file is written once, when first asked for; settled to its error (or undefined).
  const writes = new Map<GeneratedFile, Promise<unknown>>();
  const written = (n: GeneratedFile) => {
    if (!writes.has(n)) {
      writes.set(n, new Promise<void>((resolve) => resolve(deps.files.write(n, next[n]))).then(() => undefined, (error: unknown) => error));
    }
    return writes.get(n)!;
  };
  // The publish's own work, while the first reload runs: the other files written, the diffs, the
  // pending record.
  const duringFirstReload = () => {
    for (const n of changed) void written(n);
    diffJsonBytes = Buffer.from(allDiffs());
    pending = record(set, changed, 'pending', null, allDiffs()).then(
      () => undefined,
      (error: unknown) => error,
    );
  };
  try {
    ({ reloaded, problems } = await reloadAndVerify(deps, set, changed, written, duringFirstReload));
  } catch (error) {
    problems = [(error as Error).message];
  }
  allDiffs();
  if (problems.length === 0) {
    await finish('applied', null);
    deps.onPublished?.(set);
    const result: PublishResult = { id, outcome: 'applied', changedFiles: changed, reloadedModules: reloaded, flowVersions: set.flowVersions, diff };
    if (diffJsonBytes) diffBytes.set(result, diffJsonBytes); // made during the first reload; publishResultBody serialises the diff itself otherwise
    return result;
  }

  // Roll back: the previous files, reloaded, so the PBX runs what it ran before.
  const restoreProblems: string[] = [];
  await Promise.all(writes.values()); // no write of the new files may land after the restore
  try {
    await writeAll(deps.files, changed, previous);
    await reload(deps, changed);
  } catch (error) {
    restoreProblems.push(`restoring the previous files failed too: ${(error as Error).message}`);
  }
  const reason = [...problems, ...restoreProblems].join('\n');
  await finish('rolled-back', reason);
  // The first sentence is for the admin, in the request's language; Asterisk's problems stay as it reported them.
  const refused = say({
    de: 'Asterisk hat die Konfiguration nicht angenommen; die vorherigen Dateien wurden wiederhergestellt.',
    en: 'Asterisk did not accept the configuration; the previous files were restored.',
  });
  throw new AppError('publish-failed', `${refused} ${problems.join('; ')}`, {
    publishId: id,
    problems: [...problems, ...restoreProblems],
    diff,
  });
}
