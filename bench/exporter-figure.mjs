// Figure 6 of the benchmark, the exporter (issue 15): live heap after poll `polls` against poll `window`, and the time
// of a scrape of /metrics at that size against the same bytes from a bare node:http server. The exporter runs in its
// own process (bench/exporter-child.mjs, with --expose-gc); this side scrapes it over loopback as Prometheus would:
// every 250 ms while it polls (not timed; paused while the heap is read), then `scrapes` timed ones, alternating with
// the floor after `warmup` pairs, once every poll is made and nothing else runs.
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'exporter-child.mjs');
const BACKGROUND_SCRAPE_MS = 250;

/** One GET, the body read to its end: wall milliseconds. */
function timedGet(url, agent) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    http
      .get(url, { agent }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          if (res.statusCode === 200) resolve(ms);
          else reject(new Error(`GET ${url}: HTTP ${res.statusCode}`));
        });
      })
      .on('error', reject);
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * `urls`: one IPS endpoint per target (bench/serve.mjs's exporter/<target>); `maxJobSeries` as the exporter's
 * --max-job-series (default 200, the command's). Resolves with the heaps (bytes), the scrape medians (ms), the size
 * of a scrape and how long the polls took.
 */
export function measureExporter({ urls, polls, window, intervalMs = 10, maxJobSeries = 200, scrapes = 101, warmup = 10 }) {
  const child = fork(CHILD, [], {
    execArgv: ['--expose-gc'],
    env: { ...process.env, BENCH_EXPORTER: JSON.stringify({ urls, polls, window, intervalMs, maxJobSeries }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exporterAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const floorAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  /** Background scrapes: none while `holding`; `inFlight` ends with the current one. */
  let holding = false;
  let busy = false;
  let inFlight = Promise.resolve();
  let timer;
  let settled = false;
  const reply = (id) => child.send({ id });

  return new Promise((resolve, reject) => {
    const fail = (error) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      child.kill();
      reject(error);
    };
    child.once('exit', (code) => fail(new Error(`bench/exporter-child.mjs exited (${code}) before it reported`)));
    child.on('message', (message) => {
      void (async () => {
        if (message.error) throw new Error(message.error);
        if (message.serving) {
          const url = `${message.serving}/metrics`;
          timer = setInterval(() => {
            if (holding || busy) return;
            busy = true;
            inFlight = timedGet(url, exporterAgent).then(
              () => (busy = false),
              (error) => fail(error),
            );
          }, BACKGROUND_SCRAPE_MS);
        } else if (message.pause) {
          holding = true;
          await inFlight;
          reply(message.id);
        } else if (message.resume) {
          holding = false;
          reply(message.id);
        } else if (message.scrape) {
          clearInterval(timer);
          holding = true;
          await inFlight;
          const exporterMs = [];
          const floorMs = [];
          for (let i = 0; i < warmup + scrapes; i++) {
            const a = await timedGet(message.scrape.url, exporterAgent);
            const b = await timedGet(message.scrape.floorUrl, floorAgent);
            if (i >= warmup) {
              exporterMs.push(a);
              floorMs.push(b);
            }
          }
          exporterAgent.destroy();
          floorAgent.destroy();
          settled = true;
          child.removeAllListeners('exit');
          reply(message.id);
          resolve({
            heapEarly: message.heaps[window],
            heapLate: message.heaps[polls],
            heaps: message.heaps,
            scrapeMs: median(exporterMs),
            floorMs: median(floorMs),
            scrapes,
            bytes: message.bytes,
            series: message.series,
            pollMs: message.pollMs,
          });
        }
      })().catch(fail);
    });
  });
}
