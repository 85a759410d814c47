import type { ConfFiles } from './conf-files.js';
import { GENERATED_FILES, type GeneratedFile } from './config-set.js';
import type { PublishPlan } from './plan.js';

/** Reads back what Asterisk runs after a reload; returns the problems found in one file. */
export interface LiveChecks {
  check(file: GeneratedFile): Promise<string[]>;
  close(): void;
}

/** The Asterisk a plan is applied to. */
export interface ApplyTarget {
  files: ConfFiles;
  /** Reloads one module and resolves when Asterisk is done (ARI `PUT /asterisk/modules/{name}`). */
  reloadModule(module: string): Promise<void>;
  /** Opens the checks; called once the first reload is asked for, so that e.g. an AMI login overlaps it. */
  openChecks(): LiveChecks;
}

export type ApplyOutcome =
  | { ok: true; reloadedModules: string[] }
  /** `restoreProblems`: what went wrong putting the previous files back, empty when Asterisk runs them again. */
  | { ok: false; problems: string[]; restoreProblems: string[] };

/**
 * Writes the plan's changed files, reloads each file's module and checks that Asterisk took it; on
 * any problem, writes the previous files back and reloads them, so that the PBX runs what it ran
 * before. `duringFirstReload` runs right after the first reload is asked for: the caller's own
 * work (diffs, the pending record) is done while Asterisk reloads.
 */
export async function applyPlan(target: ApplyTarget, plan: PublishPlan, duringFirstReload: () => void): Promise<ApplyOutcome> {
  const writes = fileWrites(target.files, plan.next);
  let outcome: { reloadedModules: string[]; problems: string[] };
  try {
    outcome = await reloadAndCheck(target, plan.changed, writes.write, () => {
      for (const file of plan.changed) void writes.write(file);
      duringFirstReload();
    });
  } catch (error) {
    outcome = { reloadedModules: [], problems: [(error as Error).message] };
  }
  if (outcome.problems.length === 0) return { ok: true, reloadedModules: outcome.reloadedModules };
  await writes.settled(); // no write of the new files may land after the restore
  return { ok: false, problems: outcome.problems, restoreProblems: await restore(target, plan) };
}

/** Each file written once, when first asked for; each write settles to its error, or undefined. */
function fileWrites(files: ConfFiles, texts: Record<GeneratedFile, string>) {
  const started = new Map<GeneratedFile, Promise<unknown>>();
  const write = (file: GeneratedFile): Promise<unknown> => {
    let written = started.get(file);
    if (!written) {
      written = new Promise<void>((resolve) => resolve(files.write(file, texts[file]))).then(
        () => undefined,
        (error: unknown) => error,
      );
      started.set(file, written);
    }
    return written;
  };
  return { write, settled: () => Promise.all(started.values()) };
}

/**
 * Reloads the modules of `files` one after the other in their order (Asterisk refuses a reload
 * while another runs; GENERATED_FILES puts the longest first), each once its file is written, and
 * checks each file while the next one reloads: Asterisk never waits for Node, and Node works
 * while Asterisk reloads. Returns the problems found, each once; throws when a write or a reload
 * fails (after the checks already started have settled).
 */
async function reloadAndCheck(
  target: ApplyTarget,
  files: GeneratedFile[],
  written: (file: GeneratedFile) => Promise<unknown>,
  duringFirstReload: () => void,
): Promise<{ reloadedModules: string[]; problems: string[] }> {
  let checks: LiveChecks | undefined;
  const reloadedModules: string[] = [];
  const results: Array<Promise<string[]>> = [];
  const check = (file: GeneratedFile) =>
    results.push(checks!.check(file).catch((error: unknown) => [`checking ${file} failed: ${(error as Error).message}`]));
  try {
    for (const [index, file] of files.entries()) {
      const failed = await written(file);
      if (failed) throw failed;
      const reloading = target.reloadModule(GENERATED_FILES[file]);
      try {
        if (index === 0) {
          checks = target.openChecks();
          duringFirstReload();
        } else {
          check(files[index - 1]!);
        }
      } finally {
        await reloading;
      }
      reloadedModules.push(GENERATED_FILES[file]);
    }
    const last = files.at(-1);
    if (last) check(last);
    return { reloadedModules, problems: [...new Set((await Promise.all(results)).flat())] };
  } catch (error) {
    await Promise.all(results); // settled (they cannot reject) before the caller rolls back
    throw error;
  } finally {
    checks?.close();
  }
}

/** Writes the previous files back and reloads their modules; returns what went wrong. */
async function restore(target: ApplyTarget, plan: PublishPlan): Promise<string[]> {
  try {
    await Promise.all(plan.changed.map((file) => target.files.write(file, plan.previous[file])));
    for (const file of plan.changed) await target.reloadModule(GENERATED_FILES[file]);
    return [];
  } catch (error) {
    return [`restoring the previous files failed too: ${(error as Error).message}`];
  }
}
