import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { flowsNamedBy, parseFlow, type Flow } from '@stumpfworks/flow';

/** A user-facing failure: printed without a stack trace, exit code 1 (or 2 for usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Resolves a path the way the user typed it: pnpm runs scripts at the root, INIT_CWD is where they were. */
export function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** Reads and parses one flow file; a bad file is a CliError naming every problem with its place (in `language`). */
export function loadFlowFile(file: string, language: 'de' | 'en' = 'en'): Flow {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const result = parseFlow(text);
  if (!result.ok) {
    throw new CliError(`${file}: not a valid flow\n${result.problems.map((p) => `  ${p.path}: ${p.message[language]}`).join('\n')}`);
  }
  return result.flow;
}

/** A flow with the flows it reaches through GotoFlow and CallFlow, and the folders they were looked up in. */
export interface LoadedFlows {
  main: Flow;
  /** The main flow first, then each sub-flow found, once. */
  flows: Flow[];
  /** The folders searched for sub-flows, in order: the file's own, then `--library`. */
  folders: string[];
  /** Files in those folders that are not valid flows, so were not searched (when a sub-flow was looked up). */
  skipped: string[];
}

/**
 * The flow in `file` plus the flows it reaches through GotoFlow and CallFlow (any param whose description
 * `references` says `flows`), looked up by id in the file's folder and then in `library`; the
 * first found wins, so a flow beside the file overrides the library's. An id found in neither is
 * left out: validation reports it with its node (`unknown-flow`). Files not needed are not read.
 */
export function loadFlowWithSubflows(file: string, library?: string, language: 'de' | 'en' = 'en'): LoadedFlows {
  const main = loadFlowFile(file, language);
  const folders = [...new Set([dirname(file), ...(library === undefined ? [] : [library])])];
  const byId = new Map<string, Flow>([[main.id, main]]);
  let index: FlowIndex | undefined;
  const pending = [main];
  while (pending.length > 0) {
    const flow = pending.pop()!;
    for (const id of flowsNamedBy(flow)) {
      if (byId.has(id)) continue;
      index ??= indexFlows(folders);
      const path = index.files.get(id);
      if (!path) continue;
      const sub = loadFlowFile(path, language);
      byId.set(sub.id, sub);
      pending.push(sub);
    }
  }
  return { main, flows: [...byId.values()], folders, skipped: index?.skipped ?? [] };
}

interface FlowIndex {
  /** Flow id -> file; an earlier folder's file wins. */
  files: Map<string, string>;
  /** The `.flow.json` files that do not parse. */
  skipped: string[];
}

function indexFlows(folders: string[]): FlowIndex {
  const index: FlowIndex = { files: new Map(), skipped: [] };
  for (const dir of folders) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (error) {
      throw new CliError(`cannot read the folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    for (const name of names.filter((f) => f.endsWith('.flow.json')).sort()) {
      const path = join(dir, name);
      const result = parseFlow(readFileSync(path, 'utf8'));
      if (!result.ok) index.skipped.push(path);
      else if (!index.files.has(result.flow.id)) index.files.set(result.flow.id, path);
    }
  }
  return index;
}
