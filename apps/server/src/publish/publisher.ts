import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AmiOptions } from '../asterisk/ami.js';
import type { Ari } from '../asterisk/ari.js';
import type { Database } from '../db/tables.js';
import { AppError } from '../errors.js';
import { buildConfigSet, GENERATED_FILES, type ConfigSet, type GeneratedFile } from './config-set.js';
import type { ConfFiles } from './conf-files.js';
import { unifiedDiff } from './diff.js';
import { recordPublish } from './publishes.repository.js';
import { verifyLive } from './verify.js';

export interface PublishResult {
  id: string;
  outcome: 'applied' | 'unchanged';
  changedFiles: GeneratedFile[];
  reloadedModules: string[];
  flowVersions: Record<string, number>;
  /** Unified diff per changed file. */
  diff: Record<string, string>;
}

export interface Publisher {
  /** Compiles, writes, reloads and checks; throws AppError (422, 502, 503) on failure, after rolling back. */
  publish(actor: string): Promise<PublishResult>;
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
}

/** A publisher that refuses every publish (no Asterisk configured). */
export function unavailablePublisher(reason: string): Publisher {
  return {
    publish: () => Promise.reject(new AppError('asterisk-unavailable', reason)),
  };
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
  return { publish: (actor) => serialised(() => publishOnce(deps, actor), queue) };
}

async function reload(deps: PublisherDeps, files: GeneratedFile[]): Promise<string[]> {
  const modules = files.map((f) => GENERATED_FILES[f]);
  for (const module of modules) await deps.ari.reloadModule(module);
  return modules;
}

async function publishOnce(deps: PublisherDeps, actor: string): Promise<PublishResult> {
  const id = randomUUID();
  const startedAt = new Date().toISOString();
  const record = (set: Pick<ConfigSet, 'flowVersions'> | undefined, changed: string[], outcome: 'applied' | 'unchanged' | 'rejected' | 'rolled-back', reason: string | null, diff: Record<string, string>) =>
    recordPublish(deps.db, {
      id,
      actor,
      started_at: startedAt,
      finished_at: new Date().toISOString(),
      flow_versions: JSON.stringify(set?.flowVersions ?? {}),
      changed_files: JSON.stringify(changed),
      outcome,
      reason,
      diff: JSON.stringify(diff),
    });

  const built = await buildConfigSet(deps.db);
  if (!built.ok) {
    const reason = [...built.problems, ...built.diagnostics.map((d) => `flow "${d.flowId}": ${d.diagnostics.map((x) => x.message.en).join('; ')}`)].join('\n');
    await record(undefined, [], 'rejected', reason, {});
    throw new AppError('validation', 'the configuration does not compile', {
      issues: [...built.problems.map((message) => ({ path: '(config)', message }))],
      diagnostics: built.diagnostics,
      publishId: id,
    });
  }
  const set = built.set;
  if (!(await deps.ari.ping())) {
    await record(set, [], 'rejected', 'Asterisk (ARI) is not reachable', {});
    throw new AppError('asterisk-unavailable', 'Asterisk (ARI) is not reachable; nothing was changed', { publishId: id });
  }
  if (deps.sounds) {
    try {
      await deps.sounds(set);
    } catch (error) {
      const reason = `the prompts could not be prepared: ${(error as Error).message}`;
      await record(set, [], 'rejected', reason, {});
      throw new AppError('publish-failed', `${reason}; nothing was changed`, { publishId: id });
    }
  }
  const next = deps.beforeWrite ? deps.beforeWrite(set.files) : set.files;
  const names = Object.keys(GENERATED_FILES) as GeneratedFile[];
  const previous = Object.fromEntries(names.map((n) => [n, deps.files.read(n)])) as Record<GeneratedFile, string>;
  const changed = names.filter((n) => previous[n] !== next[n]);
  const diff = Object.fromEntries(changed.map((n) => [n, unifiedDiff(n, previous[n], next[n])]));
  if (changed.length === 0) {
    await record(set, [], 'unchanged', null, {});
    return { id, outcome: 'unchanged', changedFiles: [], reloadedModules: [], flowVersions: set.flowVersions, diff: {} };
  }

  let problems: string[];
  let reloaded: string[] = [];
  try {
    for (const n of changed) deps.files.write(n, next[n]);
    reloaded = await reload(deps, changed);
    problems = await (deps.verify ?? ((s, f) => verifyLive(deps.ari, deps.ami, s, f)))(set, changed);
  } catch (error) {
    problems = [(error as Error).message];
  }
  if (problems.length === 0) {
    await record(set, changed, 'applied', null, diff);
    return { id, outcome: 'applied', changedFiles: changed, reloadedModules: reloaded, flowVersions: set.flowVersions, diff };
  }

  // Roll back: the previous files, reloaded, so the PBX runs what it ran before.
  const restoreProblems: string[] = [];
  try {
    for (const n of changed) deps.files.write(n, previous[n]);
    await reload(deps, changed);
  } catch (error) {
    restoreProblems.push(`restoring the previous files failed too: ${(error as Error).message}`);
  }
  const reason = [...problems, ...restoreProblems].join('\n');
  await record(set, changed, 'rolled-back', reason, diff);
  throw new AppError('publish-failed', `Asterisk did not accept the configuration; the previous files were restored. ${problems.join('; ')}`, {
    publishId: id,
    problems: [...problems, ...restoreProblems],
    diff,
  });
}
