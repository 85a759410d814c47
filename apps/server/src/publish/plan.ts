import type { ConfFiles } from './conf-files.js';
import { GENERATED_FILES, type ConfigSet, type GeneratedFile } from './config-set.js';
import { maskSecrets, unifiedDiff } from './diff.js';

/** The generated files, in reload order. */
const FILE_NAMES = Object.keys(GENERATED_FILES) as GeneratedFile[];

/** What a publish changes: the files Asterisk runs now, the files to write, and which of them differ. */
export interface PublishPlan {
  set: ConfigSet;
  /** The files Asterisk runs now; a rollback writes them back. */
  previous: Record<GeneratedFile, string>;
  /** The files to write: the set's. */
  next: Record<GeneratedFile, string>;
  /** The files that differ, in reload order (GENERATED_FILES). */
  changed: GeneratedFile[];
}

/** The generated files as they are on disk now ('' for a file not written yet). */
export function readLiveFiles(files: Pick<ConfFiles, 'read'>): Record<GeneratedFile, string> {
  return Object.fromEntries(FILE_NAMES.map((name) => [name, files.read(name)])) as Record<GeneratedFile, string>;
}

/** The plan of putting `next` (by default the set's files) live over `previous`. */
export function planPublish(set: ConfigSet, previous: Record<GeneratedFile, string>, next: Record<GeneratedFile, string> = set.files): PublishPlan {
  return { set, previous, next, changed: FILE_NAMES.filter((name) => previous[name] !== next[name]) };
}

/** The unified diff of each changed file, as the API shows and stores it: secrets masked. */
export function planDiffs(plan: PublishPlan): Record<string, string> {
  return Object.fromEntries(plan.changed.map((name) => [name, maskSecrets(unifiedDiff(name, plan.previous[name], plan.next[name]))]));
}

/** A plan's diffs, their JSON (the record's) and that JSON's UTF-8 bytes (the answer's). */
export interface EncodedDiffs {
  byFile: Record<string, string>;
  json: string;
  bytes: Buffer;
}

/** The plan's diffs made and encoded once (a whole new configuration's are some hundred KB). */
export function encodeDiffs(plan: PublishPlan): EncodedDiffs {
  const byFile = planDiffs(plan);
  const json = JSON.stringify(byFile);
  return { byFile, json, bytes: Buffer.from(json) };
}
