// Preloaded by the benchmark (figure 4) and the test suite into `ips-jobs watch`, with
//   NODE_OPTIONS="--require <this file> --expose-gc" BENCH_POLL_STATS_FILE=<file>
// Subscribes to the CLI's `ips-jobs:poll` diagnostics channel (src/follow/poll-loop.ts: { poll, cpuMs, wallMs } after each
// poll's output) and writes one JSON line per poll to the file: poll, cpuMs, wallMs, then heapUsed and rss measured
// here, with a full garbage collection first on every tenth poll (`collected: true`: heapUsed is the live heap, what
// the process keeps between polls). Collecting after every poll would change the work measured (a full collection
// drops what the next poll would reuse). Nothing of the CLI reads this file or its variable.
'use strict';
const { subscribe } = require('node:diagnostics_channel');
const { appendFileSync, writeFileSync } = require('node:fs');

const COLLECT_EVERY = 10;
const file = process.env.BENCH_POLL_STATS_FILE;
if (!file) throw new Error('bench/poll-stats.cjs: BENCH_POLL_STATS_FILE names no file');
const collect = globalThis.gc;
if (typeof collect !== 'function') throw new Error('bench/poll-stats.cjs: needs --expose-gc (in NODE_OPTIONS)');

writeFileSync(file, '');
subscribe('ips-jobs:poll', ({ poll, cpuMs, wallMs }) => {
  const collected = poll % COLLECT_EVERY === 0;
  if (collected) collect();
  const { heapUsed, rss } = process.memoryUsage();
  appendFileSync(file, `${JSON.stringify({ poll, cpuMs, wallMs, heapUsed, collected, rss })}\n`);
});

