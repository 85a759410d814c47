// With CI=true a skipped test is a failure: a missing tool or browser must not pass as green.
// Reads vitest's JSON report and names every skipped or todo test.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const skipped = report.testResults.flatMap((file) =>
  file.assertionResults.filter((test) => test.status !== 'passed' && test.status !== 'failed').map((test) => `${file.name}: ${test.fullName} (${test.status})`),
);
if (skipped.length > 0) {
  console.error(`CI=true: ${skipped.length} test(s) did not run:\n  ${skipped.join('\n  ')}`);
  process.exit(1);
}
