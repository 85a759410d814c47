import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flowsNamedBy, parseFlow, type Flow } from '@stumpfworks/flow';
import { describe, expect, it } from 'vitest';
import { compileFlows } from './compile.js';
import { goldenSets } from './golden-fixtures.js';
import { compileOk } from './testing.js';

const GOLDEN_DIR = fileURLToPath(new URL('../test/golden/', import.meta.url));
const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Compares with `test/golden/<name>.conf`; `UPDATE_GOLDEN=1` rewrites the file instead. */
function expectGolden(name: string, text: string): void {
  const file = join(GOLDEN_DIR, `${name}.conf`);
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${file} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(text, `${name}.conf differs; if the change is intended, run with UPDATE_GOLDEN=1`).toBe(readFileSync(file, 'utf8'));
}

describe('golden dialplans', () => {
  for (const [name, flows] of Object.entries(goldenSets())) {
    it(`${name}.conf`, () => expectGolden(name, compileOk(flows).text));
  }
});

/** Every `examples/*.flow.json`, parsed. */
function loadExamples(): Map<string, Flow> {
  const examples = new Map<string, Flow>();
  if (!existsSync(EXAMPLES_DIR)) return examples;
  for (const file of readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.flow.json')).sort()) {
    const parsed = parseFlow(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
    examples.set(basename(file, '.flow.json'), parsed.flow);
  }
  return examples;
}

/** A flow and the flows it reaches through GotoFlow and CallFlow, found among the examples. */
function withSubFlows(flow: Flow, all: Flow[]): Flow[] {
  const set = new Map([[flow.id, flow]]);
  const queue = [flow];
  for (let current = queue.shift(); current; current = queue.shift()) {
    for (const id of flowsNamedBy(current)) {
      if (set.has(id)) continue;
      const target = all.find((f) => f.id === id);
      if (target) {
        set.set(target.id, target);
        queue.push(target);
      }
    }
  }
  return [...set.values()];
}

describe('examples', () => {
  const examples = loadExamples();
  const flows = [...examples.values()];
  it('finds the example flows', () => {
    expect(examples.size).toBeGreaterThan(0);
  });

  it('compile all together', () => {
    const result = compileFlows(flows);
    expect(result.ok ? [] : result.diagnostics).toEqual([]);
  });

  for (const [name, flow] of examples) {
    it(`example-${name}.conf`, () => expectGolden(`example-${name}`, compileOk(withSubFlows(flow, flows)).text));
  }

  it('has no golden file left from a removed example', () => {
    const stale = readdirSync(GOLDEN_DIR)
      .filter((f) => f.startsWith('example-') && f.endsWith('.conf'))
      .filter((f) => !examples.has(f.slice('example-'.length, -'.conf'.length)));
    expect(stale).toEqual([]);
  });
});
