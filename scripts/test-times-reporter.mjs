// A vitest reporter for scripts/test-times.mjs: each file's whole time, its hooks and their work included, which
// vitest's JSON reporter leaves out (its times run from a file's first test to its last). Writes
// [{ file, seconds }] to the path in IPS_JOBS_TEST_TIMES_FILE.
import { writeFileSync } from 'node:fs';

export default class FileTimes {
  onTestRunEnd(testModules) {
    const rows = testModules.map((module) => ({ file: module.relativeModuleId, seconds: module.diagnostic().duration / 1000 }));
    writeFileSync(process.env.IPS_JOBS_TEST_TIMES_FILE, JSON.stringify(rows));
  }
}
