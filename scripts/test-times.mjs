// npm run test:times [-- vitest arguments]: where the suite's time goes (docs/development.md). Runs vitest with its
// JSON reporter (the counts) and ours (scripts/test-times-reporter.mjs: each file's whole time, hooks included,
// which the JSON leaves out), and prints the wall time, the counts, and the ten slowest files. Fails when a file
// takes more than 20 s, and, under CI, when a test was skipped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE_LIMIT_SECONDS = 20;
const REPORTER = fileURLToPath(new URL('./test-times-reporter.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ips-jobs-test-times-'));
const json = join(dir, 'vitest.json');
const times = join(dir, 'times.json');
const started = performance.now();
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=json', `--outputFile.json=${json}`, `--reporter=${REPORTER}`, ...process.argv.slice(2)],
  { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, IPS_JOBS_TEST_TIMES_FILE: times } },
);
const wallSeconds = (performance.now() - started) / 1000;
let report;
let files;
try {
  report = JSON.parse(readFileSync(json, 'utf8'));
  files = JSON.parse(readFileSync(times, 'utf8'));
} catch {
  console.error(`vitest wrote no report (exit ${run.status ?? run.signal}): run npx vitest run to see why`);
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const testsIn = new Map(report.testResults.map((file) => [file.name, file.assertionResults.length]));
const testCount = (file) => [...testsIn].find(([name]) => name.endsWith(`/${file}`))?.[1] ?? 0;
files.sort((a, b) => b.seconds - a.seconds);
const { numTotalTests, numPassedTests, numFailedTests, numPendingTests, numTodoTests } = report;
const skipped = numPendingTests + numTodoTests;
console.log(`vitest: ${wallSeconds.toFixed(1)} s wall, ${files.length} files, ${numTotalTests} tests: ${numPassedTests} passed, ${numFailedTests} failed, ${skipped} skipped`);
console.log(`sum of the files' times: ${files.reduce((sum, file) => sum + file.seconds, 0).toFixed(1)} s`);
console.log('slowest files (the whole file: its hooks, tests and their work):');
for (const file of files.slice(0, 10)) console.log(`${file.seconds.toFixed(1).padStart(6)} s ${String(testCount(file.file)).padStart(4)} tests  ${file.file}`);
const over = files.filter((file) => file.seconds > FILE_LIMIT_SECONDS);
if (over.length > 0) console.log(`over ${FILE_LIMIT_SECONDS} s: ${over.map((file) => file.file).join(', ')}`);
// Outside CI a test may be skipped for a tool this machine lacks (prometheus, say); in CI nothing may be.
const skippedInCi = process.env.CI !== undefined && skipped > 0;
if (skippedInCi) console.log(`skipped under CI: ${skipped}`);
process.exitCode = run.status === 0 && over.length === 0 && !skippedInCi ? 0 : 1;
