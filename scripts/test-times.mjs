// npm run test:times [-- vitest arguments]: where the suite's time goes (docs/development.md). Runs vitest with its
// JSON reporter and prints the wall time, the counts, and the ten slowest files with their own tests' time. Vitest's
// JSON leaves a file's beforeAll/afterAll out of its times: a file that does its work in a hook (fault-matrix,
// password-leak) shows the whole of it only in the default reporter's line for that file (`npx vitest run <file>`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'ips-jobs-test-times-'));
const output = join(dir, 'vitest.json');
const started = performance.now();
const run = spawnSync('npx', ['vitest', 'run', '--reporter=json', `--outputFile=${output}`, ...process.argv.slice(2)], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const wallSeconds = (performance.now() - started) / 1000;
let report;
try {
  report = JSON.parse(readFileSync(output, 'utf8'));
} catch {
  console.error(`vitest wrote no report (exit ${run.status ?? run.signal}): run npx vitest run to see why`);
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const files = report.testResults
  .map((file) => ({ name: relative(process.cwd(), file.name), seconds: (file.endTime - file.startTime) / 1000, tests: file.assertionResults.length }))
  .sort((a, b) => b.seconds - a.seconds);
const { numTotalTests, numPassedTests, numFailedTests, numPendingTests, numTodoTests } = report;
console.log(`vitest: ${wallSeconds.toFixed(1)} s wall, ${files.length} files, ${numTotalTests} tests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`);
console.log(`sum of the files' test time: ${files.reduce((sum, file) => sum + file.seconds, 0).toFixed(1)} s`);
console.log('slowest files (their tests, hooks not counted):');
for (const file of files.slice(0, 10)) console.log(`${file.seconds.toFixed(1).padStart(6)} s ${String(file.tests).padStart(4)} tests  ${file.name}`);
const over = files.filter((file) => file.seconds > 20);
if (over.length > 0) console.log(`over 20 s: ${over.map((file) => file.name).join(', ')}`);
process.exitCode = run.status === 0 && over.length === 0 ? 0 : 1;
