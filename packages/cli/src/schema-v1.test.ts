import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { enumeratePaths, flowLibrary } from '@stumpfworks/engine';
import { parseFlow, validateFlow, type Flow } from '@stumpfworks/flow';
import { parseArgs } from './args.js';
import { validateCommand } from './commands.js';

/**
 * Flows saved as schemaVersion 1 stay readable: the examples as they were when version 1 was
 * current (tests/fixtures/schema-v1, copied from examples/ unchanged) still parse, validate and
 * run every enumerated path to the outcome recorded then (outcomes.json; `UPDATE_GOLDEN=1`
 * rewrites it, for a change of meaning that is intended and documented). None needs a migration
 * on read so far: parseFlow reads them as they are.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const dir = join(root, 'tests', 'fixtures', 'schema-v1');
const outcomesFile = join(dir, 'outcomes.json');
const files = readdirSync(dir).filter((f) => f.endsWith('.flow.json')).sort();
/** A weekday morning, a weekday night, a Sunday (Berlin), as the parity suite's instants by default. */
const INSTANTS = ['2026-06-03T10:00:00+02:00', '2026-06-03T22:00:00+02:00', '2026-06-07T12:00:00+02:00'];
const CALLER = '017612345678';
/** Musterfirma's menus loop: the parity suite's bounds for it. */
const BOUNDS: Record<string, { maxEvents: number; maxVisitsPerNode: number }> = { musterfirma: { maxEvents: 4, maxVisitsPerNode: 2 } };

function parsed(file: string): Flow {
  const result = parseFlow(readFileSync(join(dir, file), 'utf8'));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
  return result.flow;
}

/** Per entry flow and instant: each enumerated path's script and how it ends. */
function outcomes(flows: Flow[]): Record<string, string[]> {
  const library = flowLibrary(flows);
  const entries = flows.filter((f) => f.nodes.some((n) => n.type === 'Start' && n.params.number !== ''));
  return Object.fromEntries(
    entries.flatMap((flow) =>
      INSTANTS.map((at) => {
        const { paths } = enumeratePaths(library, flow.id, { at: new Date(at), callerId: CALLER, ...BOUNDS[flow.id] });
        const lines = paths.map((p) => {
          const o = p.transcript.outcome;
          return `${p.events.join(',') || '(no input)'} -> ${o ? `${o.kind} ${o.flowId}/${o.nodeId}` : '(no end)'}`;
        });
        return [`${flow.id} @ ${at}`, lines];
      }),
    ),
  );
}

describe('schemaVersion 1 flows stay readable', () => {
  const flows = files.map(parsed);

  it('are all there, as version 1', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) expect(JSON.parse(readFileSync(join(dir, file), 'utf8')).schemaVersion, file).toBe(1);
  });

  it.each(files)('%s parses and validates without errors (its sub-flows beside it)', (file) => {
    const errors = validateFlow(parsed(file), {}, flows).filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('runs every enumerated path to the outcome recorded for version 1', () => {
    const actual = outcomes(flows);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(outcomesFile, `${JSON.stringify(actual, null, 2)}\n`);
    if (!existsSync(outcomesFile)) throw new Error(`${outcomesFile} is missing: run with UPDATE_GOLDEN=1 and review it`);
    const recorded = JSON.parse(readFileSync(outcomesFile, 'utf8')) as Record<string, string[]>;
    expect(Object.values(recorded).flat().length).toBeGreaterThan(500);
    expect(actual).toEqual(recorded);
  });

  it.each(files)('%s passes `flow validate` (the CLI command, with the folder as its library)', (file) => {
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    try {
      expect(validateCommand(parseArgs(['validate', join(dir, file), '--library', dir], ['library', 'lang']))).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(printed.at(-1)).toMatch(/^ok: /);
  });
});
