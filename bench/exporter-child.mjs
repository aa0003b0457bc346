// The exporter of figure 6, in a process of its own (forked with --expose-gc by bench/exporter-figure.mjs, which says
// over IPC what to do): the built engine (dist/exporter/index.js) polling 3 targets of bench/serve.mjs's exporter data
// set at a test interval, with the built client.
//
// Polls are counted where they start: each target's client is wrapped so that its getActiveJobs first notes the poll.
// When every target is about to start poll `window` + 1 (so polls 1 … window of each are wholly recorded, and nothing
// runs), they wait while this process collects garbage and reads the live heap; the same after every further `window`
// polls (the heap's course, for telling a slow growth from noise), and after poll `polls`, where they then stay: the exporter is idle, all of its polls made, and the parent times scrapes of its /metrics against
// the same bytes served by a bare node:http server here (the floor).
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENGINE = path.join(ROOT, 'dist/exporter/index.js');

const collect = globalThis.gc;
if (typeof collect !== 'function') throw new Error('bench/exporter-child.mjs: needs --expose-gc');

/** A request of the parent's, answered when it replies with the same id. */
let nextId = 1;
const replies = new Map();
process.on('message', (message) => {
  const reply = replies.get(message.id);
  if (reply) {
    replies.delete(message.id);
    reply(message);
  }
});
const ask = (message) =>
  new Promise((resolve) => {
    const id = nextId++;
    replies.set(id, resolve);
    process.send({ ...message, id });
  });

function liveHeap() {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

async function main() {
  const { urls, polls, window, intervalMs, maxJobSeries } = JSON.parse(process.env.BENCH_EXPORTER ?? '{}');
  if (!existsSync(ENGINE)) {
    throw new Error('figure 6 needs dist/exporter/index.js, the exporter engine built on its own (an entry of scripts/build.mjs, as dist/emulator/index.js is): run `npm run build`');
  }
  const { startExporter } = await import(pathToFileURL(ENGINE).href);
  const { createIpsClient } = await import(pathToFileURL(path.join(ROOT, 'dist/index.js')).href);

  const started = urls.map(() => 0);
  const heaps = {};
  const gates = new Map();
  /** Resolves when every target has reached the gate after poll `at`; the last to arrive measures first. */
  function gate(at, last) {
    let entry = gates.get(at);
    if (!entry) {
      let open;
      entry = { arrived: 0, opened: new Promise((resolve) => (open = resolve)), open };
      gates.set(at, entry);
    }
    entry.arrived += 1;
    if (entry.arrived === urls.length) {
      void (async () => {
        // The parent's scrapes (a Prometheus at a fast interval) pause, and the one in flight ends, before measuring.
        await ask({ pause: true });
        heaps[at] = liveHeap();
        if (last) return finish();
        await ask({ resume: true });
        entry.open();
      })();
    }
    return entry.opened;
  }

  const targets = [];
  for (const [i, url] of urls.entries()) {
    const client = await createIpsClient({ endpoint: url, username: 'demo@ips-jobs.example', password: 'demo', appVersion: 'bench' });
    const counted = new Proxy(client, {
      get(target, property) {
        if (property === 'getActiveJobs') {
          return async (input) => {
            const done = started[i]++;
            if (done > 0 && done < polls && done % window === 0) await gate(done, false);
            if (done === polls) await gate(polls, true);
            return target.getActiveJobs(input);
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    targets.push({ name: `t${i + 1}`, region: 'na', companyHandle: 'c|1001', company: `Bench Company ${i + 1}`, client: counted });
  }
  const exporter = await startExporter({ targets, intervalMs, stallWindowMs: 30 * 60_000, maxJobSeries, failOn: 'error', host: '127.0.0.1', port: 0, version: 'bench' });
  const wallStarted = performance.now();
  process.send({ serving: exporter.url });

  async function finish() {
    const pollMs = performance.now() - wallStarted;
    const body = await (await fetch(`${exporter.url}/metrics`)).text();
    const contentType = 'text/plain; version=0.0.4; charset=utf-8';
    const floor = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
      res.end(body);
    });
    await new Promise((resolve) => floor.listen(0, '127.0.0.1', resolve));
    const series = body.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
    await ask({
      scrape: { url: `${exporter.url}/metrics`, floorUrl: `http://127.0.0.1:${floor.address().port}/metrics` },
      heaps,
      pollMs,
      bytes: Buffer.byteLength(body),
      series,
    });
    floor.close();
    await exporter.close();
    process.exit(0);
  }
}

main().catch((error) => {
  process.send?.({ error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
  setImmediate(() => process.exit(1));
});
