// Loaded by the benchmark with `node --require` in both commands it compares: writes the process's peak resident
// set size (KB) to the file named by BENCH_PEAK_RSS_FILE when it exits. Nothing of the CLI reads it.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  if (process.env.BENCH_PEAK_RSS_FILE) writeFileSync(process.env.BENCH_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
});
