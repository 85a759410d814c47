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

/**
 * The flow in `file` plus the flows it reaches through GotoFlow, read from `flowsDir`
 * (default: the file's folder). Sibling files that are not needed are not read.
 */
export function loadFlowWithSubflows(file: string, flowsDir?: string, language: 'de' | 'en' = 'en'): { main: Flow; flows: Flow[] } {
  const main = loadFlowFile(file, language);
  const dir = flowsDir ?? dirname(file);
  const byId = new Map<string, Flow>([[main.id, main]]);
  let index: Map<string, string> | undefined;
  const pending = [main];
  while (pending.length > 0) {
    const flow = pending.pop()!;
    for (const id of flowsNamedBy(flow)) {
      if (byId.has(id)) continue;
      index ??= indexFlows(dir);
      const path = index.get(id);
      if (!path) continue; // validation reports the unknown flow with its node
      const sub = loadFlowFile(path, language);
      byId.set(sub.id, sub);
      pending.push(sub);
    }
  }
  return { main, flows: [...byId.values()] };
}

function indexFlows(dir: string): Map<string, string> {
  const index = new Map<string, string>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.flow.json')).sort()) {
    const path = join(dir, name);
    const result = parseFlow(readFileSync(path, 'utf8'));
    if (result.ok) index.set(result.flow.id, path);
  }
  return index;
}
