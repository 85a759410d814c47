/**
 * `pnpm bench flow`: compile a generated 1,000-node flow and compare with Asterisk's own
 * `dialplan reload` of the output, side by side in one run; then enumerate the paths of a
 * 200-node flow. Prints key=value lines; asserts nothing.
 */
import { compileFlows } from '@stumpfworks/dialplan';
import { enumeratePaths, flowLibrary } from '@stumpfworks/engine';
import { loadLocalAsterisk, probeAsterisk, readGeneratedFile, reloadModule, writeGeneratedFile } from '../tests/support/local-asterisk.js';
import { generateFlow } from './generate.js';
import { median, report, timeRuns } from './stats.js';

const RUNS = 15;

export async function benchFlow(): Promise<void> {
  const big = generateFlow(1000);
  const compile = () => {
    const result = compileFlows([big]);
    if (!result.ok) throw new Error('the generated flow does not compile');
    return result.text;
  };
  compile(); // warm-up: module loading and JIT are not what we measure
  const compileTimes = await timeRuns(RUNS, compile);
  const text = compile();

  const asterisk = loadLocalAsterisk();
  const down = await probeAsterisk(asterisk);
  if (down) throw new Error(`${down}\nstart the local Asterisk first: pnpm asterisk start`);
  const published = readGeneratedFile(asterisk, 'extensions.conf');
  // Each reload reads a changed file (a comment differs), so no "unchanged" shortcut applies.
  const reloadTimes = await timeRuns(RUNS, async (run) => {
    writeGeneratedFile(asterisk, 'extensions.conf', `${text}; bench run ${run}\n`);
    await reloadModule(asterisk, 'pbx_config.so');
  });
  writeGeneratedFile(asterisk, 'extensions.conf', published); // put the published flows back
  await reloadModule(asterisk, 'pbx_config.so');

  const small = generateFlow(200);
  const library = flowLibrary([small]);
  let pathCount = 0;
  const pathTimes = await timeRuns(RUNS, () => {
    pathCount = enumeratePaths(library, small.id, { at: new Date('2026-06-03T10:00:00+02:00'), callerId: '' }).paths.length;
  });

  console.log(`flow_1000_nodes_dialplan_bytes=${Buffer.byteLength(text)}`);
  report('compile_1000_nodes_ms', median(compileTimes));
  report('dialplan_reload_1000_nodes_ms', median(reloadTimes));
  report('compile_vs_reload_ratio', median(compileTimes) / median(reloadTimes), 3);
  console.log(`paths_200_nodes_count=${pathCount}`);
  report('paths_200_nodes_ms', median(pathTimes));
}
