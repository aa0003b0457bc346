// The benchmark's IPS: answers prepared once with the built emulator, then served from memory (gzipped once),
// so the benchmark times the CLI and never the emulator's own serialisation. Started by scripts/bench.mjs with
// fork(); it reports `{ ready, port, datasets }` and answers `{ id, cmd: 'reset' | 'stats' }` over IPC.
//
// Endpoints: http://127.0.0.1:<port>/bench/<dataset>[/<polls>]/scene7/services/IpsApiService
//   list20, list5000  getActiveJobs answers the same jobs every time (20 or 5,000 running jobs, 3 tasks each).
//   watch/<N>         getActiveJobs answer k (k < N) is one of a cycle of snapshots of 500 running jobs, every job
//                     further along than in the one before; answer N (and after) no longer lists one job, whose log
//                     getJobLogDetails then gives, so `watch --until any-done` ends after exactly N polls.
//   history           getJobLogs over 10,000 finished jobs' logs of the week to 4 h before START (one a minute; types, users
//                     and outcomes mixed), for `stats` (and `timeline`) against `logs`: any window, order and numRows
//                     asked is cut from the emulator's answer items, made once at start; each distinct answer is
//                     put together and gzipped once, the first time it is asked (the figures' warm-up), then served
//                     from memory.
//   every dataset     getCompanyInfo answers the demo company (to count how often a name is resolved).
//   exporter/<target> for figure 6: a queue of 500 jobs that moves on at every getActiveJobs of that target, 5 jobs
//                     ending (their logs in getJobLogs) and 5 new ones each time, 60 s later each time by the Date
//                     header; made as it is asked, uncompressed (bench/exporter-answers.mjs). Targets count apart.
// Its stats hold the last request as sent (`lastRequest`), which bench/floor.cjs sends again.
import { createServer } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DEMO_CREDENTIALS, jobTimes, startEmulator } from '../dist/emulator/index.js';
import { SERVICE_PATH } from '../dist/ips/endpoints.js';
import { TYPES_NS } from '../dist/ips/namespaces.js';
import { exporterDataset } from './exporter-answers.mjs';

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const START = '2026-11-28T09:00:00.000-08:00';
const WATCH_JOBS = 500;
const WATCH_SNAPSHOTS = 10;
const SNAPSHOT_STEP_MS = 60_000;

const escapeXml = (text) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function envelope(operation, fields) {
  const body = Object.entries(fields)
    .map(([name, value]) => `<ns:${name}>${escapeXml(String(value))}</ns:${name}>`)
    .join('');
  const auth = `<ns:authHeader><ns:user>${escapeXml(DEMO_CREDENTIALS.username)}</ns:user><ns:password>${escapeXml(DEMO_CREDENTIALS.password)}</ns:password><ns:appName>bench</ns:appName><ns:appVersion>1</ns:appVersion><ns:gzipResponse>false</ns:gzipResponse></ns:authHeader>`;
  return `<?xml version="1.0" encoding="utf-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV}" xmlns:ns="${TYPES_NS}"><soapenv:Header>${auth}</soapenv:Header><soapenv:Body><ns:${operation}Param>${body}</ns:${operation}Param></soapenv:Body></soapenv:Envelope>`;
}

/** One call to the emulator, raw: the answer's XML exactly as IPS would send it. */
async function ask(emulator, operation, fields) {
  const response = await fetch(emulator.url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${operation}"` },
    body: envelope(operation, fields),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  // fetch inflates by itself; a body still gzipped (no header) is inflated here.
  const xml = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  if (response.status !== 200 || !xml.includes(`${operation}Return`)) throw new Error(`emulator ${operation}: HTTP ${response.status}: ${xml.slice(0, 300)}`);
  return xml;
}

/**
 * An answer ready to send: plain and gzipped bytes, made once. The emulator prefixes every element (`types:name`);
 * the same answer with the default namespace is what an Axis server writes, and a third smaller.
 */
function prepared(xml) {
  const plain = Buffer.from(xml.replace(/<(\/?)types:/g, '<$1'), 'utf8');
  return { plain, gzip: gzipSync(plain) };
}

function addRunningJobs(emulator, count, prefix) {
  const jobs = [];
  for (let i = 0; i < count; i++) {
    // 3 tasks (Upload, Optimize, ImageServingPublish); lengths vary so progress differs from job to job.
    jobs.push(
      emulator.ips.addJob({
        originalName: `${prefix}-${String(i).padStart(5, '0')}`,
        type: 'UploadFromServerDirectory',
        waitMs: 0,
        files: 40 + (i % 160),
        durationMs: 3 * 3_600_000 + (i % 97) * 60_000,
      }),
    );
  }
  return jobs;
}

/** `copies` times the jobs of one answer, each copy renamed (names and handles hold the prefix), in one jobArray. */
function replicateJobs(xml, prefix, copies) {
  const open = /<(?:[\w.-]+:)?jobArray>/.exec(xml);
  const close = xml.lastIndexOf('</', xml.search(/<\/(?:[\w.-]+:)?jobArray>\s*<\/(?:[\w.-]+:)?getActiveJobsReturn>/) + 1);
  if (!open || close < 0) throw new Error('bench data: no jobArray in the answer');
  const start = open.index + open[0].length;
  const items = xml.slice(start, close);
  let all = '';
  for (let r = 0; r < copies; r++) all += r === 0 ? items : items.replaceAll(`${prefix}-`, `${prefix}-r${r}-`);
  return xml.slice(0, start) + all + xml.slice(close);
}

/** `count` running jobs: the emulator makes up to 250 (it takes a few ms a job); larger sets repeat them renamed. */
async function listDataset(count) {
  const emulator = await startEmulator({ speed: 0, jobs: 0, startTime: START });
  try {
    const base = Math.min(count, 250);
    if (count % base !== 0) throw new Error(`bench data: ${count} is not a multiple of ${base}`);
    addRunningJobs(emulator, base, 'Bench-Upload');
    emulator.clock.advance(20 * 60_000);
    const fields = { companyHandle: DEMO_CREDENTIALS.companyHandle, includeWaitingJobs: true };
    const company = await ask(emulator, 'getCompanyInfo', { companyName: DEMO_CREDENTIALS.company });
    const active = replicateJobs(await ask(emulator, 'getActiveJobs', fields), 'Bench-Upload', count / base);
    return { serverTime: emulator.clock.nowMs(), company: prepared(company), active: [prepared(active)] };
  } finally {
    await emulator.close();
  }
}

async function watchDataset() {
  const emulator = await startEmulator({ speed: 0, jobs: 0, startTime: START });
  try {
    addRunningJobs(emulator, WATCH_JOBS - 1, 'Bench-Watch');
    // The job that finishes at the last answer: Done after the cycle of snapshots, then its log is readable.
    const last = emulator.ips.addJob({
      originalName: 'Bench-Watch-Last',
      type: 'UploadFromServerDirectory',
      waitMs: 0,
      files: 40,
      durationMs: (WATCH_SNAPSHOTS + 0.5) * SNAPSHOT_STEP_MS,
    });
    const fields = { companyHandle: DEMO_CREDENTIALS.companyHandle, includeWaitingJobs: true };
    const active = [];
    for (let k = 0; k < WATCH_SNAPSHOTS; k++) {
      emulator.clock.advance(SNAPSHOT_STEP_MS);
      active.push(prepared(await ask(emulator, 'getActiveJobs', fields)));
    }
    // Done is listed for a few seconds after the end, then the job leaves the list: only then has it ended for ips-jobs.
    emulator.clock.set(new Date(jobTimes(last.plan).leftAt + 1_000).toISOString());
    const final = await ask(emulator, 'getActiveJobs', fields);
    if (final.includes(last.jobHandle)) throw new Error('bench data: the last job is still listed in the final answer');
    const log = await ask(emulator, 'getJobLogDetails', { companyHandle: DEMO_CREDENTIALS.companyHandle, jobHandle: last.jobHandle, recordsPerPage: 1 });
    const company = await ask(emulator, 'getCompanyInfo', { companyName: DEMO_CREDENTIALS.company });
    return {
      serverTime: emulator.clock.nowMs(),
      company: prepared(company),
      active,
      final: prepared(final),
      log: prepared(log),
    };
  } finally {
    await emulator.close();
  }
}

const HISTORY_LOGS = 10_000;

/** The history dataset: the emulator's getJobLogs items, each with its start, ascending; answers cut from them on demand. */
async function historyDataset() {
  const emulator = await startEmulator({ speed: 0, jobs: 0, startTime: START });
  try {
    // The week ends 4 hours before START: the emulator's own history (the 3 hours before it) stays out of it.
    const end = Date.parse(START) - 4 * 3_600_000;
    const first = end - HISTORY_LOGS * 60_000;
    const types = ['ImageServingPublish', 'UploadFromServerDirectory', 'UrlUpload', 'VideoPublish'];
    const users = ['demo@ips-jobs.example', 'ana.lima@ips-jobs.example', 'raj.patel@ips-jobs.example'];
    const seeds = [];
    for (let i = 0; i < HISTORY_LOGS; i++) {
      const outcome = i % 17 === 0 ? 'failure' : i % 5 === 0 ? 'warnings' : 'success';
      seeds.push({ originalName: `History-${types[i % types.length]}`, type: types[i % types.length], start: first + i * 60_000, durationMs: (30 + ((i * 37) % 3000)) * 1000, files: 1 + (i % 200), outcome, submitUserEmail: users[i % users.length] });
    }
    emulator.ips.addJobLogs(seeds);
    const all = await ask(emulator, 'getJobLogs', { companyHandle: DEMO_CREDENTIALS.companyHandle, sortBy: 'StartDate', sortDirection: 'Ascending', startDate: new Date(first).toISOString(), endDate: new Date(end).toISOString() });
    const xml = all.replace(/<(\/?)types:/g, '<$1');
    const open = /<jobLogArray>/.exec(xml);
    const close = xml.indexOf('</jobLogArray>');
    if (!open || close < 0) throw new Error('bench data: no jobLogArray in the history answer');
    const head = xml.slice(0, open.index + open[0].length);
    const tail = xml.slice(close);
    const items = [...xml.slice(open.index + open[0].length, close).matchAll(/<items>[\s\S]*?<\/items>/g)].map(([item]) => ({
      item,
      start: Date.parse(/<startDate>([^<]+)<\/startDate>/.exec(item)?.[1] ?? ''),
    }));
    if (items.length !== HISTORY_LOGS) throw new Error(`bench data: ${items.length} history logs, expected ${HISTORY_LOGS}`);
    const company = prepared(await ask(emulator, 'getCompanyInfo', { companyName: DEMO_CREDENTIALS.company }));
    // What `logs` and `stats` ask first, when no answer has told them the server's clock yet.
    const login = prepared(await ask(emulator, 'checkLogin', { companyHandle: DEMO_CREDENTIALS.companyHandle, email: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password }));
    // What `timeline` asks beside the logs: the active list (none are active in this dataset).
    const activeList = prepared(await ask(emulator, 'getActiveJobs', { companyHandle: DEMO_CREDENTIALS.companyHandle, includeWaitingJobs: true }));
    const answers = new Map();
    const field = (body, name) => new RegExp(`<(?:[\\w.-]+:)?${name}>([^<]*)<`).exec(body)?.[1];
    return {
      serverTime: Date.parse(START),
      company,
      login,
      activeList,
      // The whole week as one answer: its size is what the report shows for this dataset.
      active: [prepared(xml)],
      /** The getJobLogs answer to this request body, as IPS would cut it. */
      logs(body) {
        const from = Date.parse(field(body, 'startDate') ?? '') || -Infinity;
        const to = Date.parse(field(body, 'endDate') ?? '') || Infinity;
        const rows = Number(field(body, 'numRows') ?? Infinity);
        const descending = field(body, 'sortDirection') === 'Descending' || field(body, 'sortBy') === undefined;
        const key = `${from}|${to}|${rows}|${descending}`;
        let answer = answers.get(key);
        if (!answer) {
          const inWindow = items.filter((entry) => entry.start >= from && entry.start <= to);
          const ordered = descending ? inWindow.reverse() : inWindow;
          answer = prepared(head + ordered.slice(0, rows).map((entry) => entry.item).join('') + tail);
          answers.set(key, answer);
        }
        return answer;
      },
    };
  } finally {
    await emulator.close();
  }
}

function emptyStats() {
  return { requests: 0, connections: 0, byOperation: {}, bytesOut: 0, bodyBytes: 0, plainBodyBytes: 0, gzipResponses: 0, soapResponses: 0 };
}

function operationOf(req, body) {
  const action = String(req.headers.soapaction ?? '').replace(/"/g, '').split(/[/#]/).pop();
  if (action) return action;
  return /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+?)(?:Param)?[\s>]/.exec(body)?.[1] ?? '(unknown)';
}

async function main() {
  const started = performance.now();
  const datasets = { list20: await listDataset(20), list5000: await listDataset(5000), watch: await watchDataset(), history: await historyDataset() };
  const exporter = await exporterDataset(START);
  /** Per exporter target: its getActiveJobs so far. */
  let exporterPolls = new Map();
  // The server's clock runs on from where the prepared answers end, restarting at each reset: a long bench never
  // drifts past the stall window of jobs whose prepared progress stands still.
  let serveStart = Date.now();
  const serverTime = Math.max(...Object.values(datasets).map((d) => d.serverTime));
  let stats = emptyStats();
  let activeCalls = {};

  const server = createServer();
  // Clients keep one connection across polls; Node's 5 s default would close it between slow polls.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('connection', () => {
    stats.connections += 1;
  });
  server.on('request', (req, res) => {
    stats.requests += 1;
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const operation = operationOf(req, body);
      stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
      // The request as the client sent it, for the Node floor of figure 2b to send again.
      stats.lastRequest = { path: req.url, headers: { 'content-type': req.headers['content-type'], soapaction: req.headers.soapaction, 'accept-encoding': req.headers['accept-encoding'] }, body };
      const exporterMatch = /^\/bench\/exporter\/([\w-]+)(\/.*)$/.exec(new URL(req.url ?? '/', 'http://bench').pathname);
      if (exporterMatch && exporterMatch[2] === SERVICE_PATH) {
        serveExporter(req, res, exporterMatch[1], operation, body);
        return;
      }
      const match = /^\/bench\/(list20|list5000|watch|history)(?:\/(\d+))?(\/.*)$/.exec(new URL(req.url ?? '/', 'http://bench').pathname);
      const dataset = match && match[3] === SERVICE_PATH ? datasets[match[1]] : undefined;
      let answer;
      if (dataset && operation === 'getCompanyInfo') answer = dataset.company;
      else if (dataset && operation === 'getJobLogDetails' && dataset.log) answer = dataset.log;
      else if (dataset && operation === 'getJobLogs' && dataset.logs) answer = dataset.logs(body);
      else if (dataset && operation === 'checkLogin' && dataset.login) answer = dataset.login;
      else if (dataset && operation === 'getActiveJobs' && dataset.activeList) answer = dataset.activeList;
      else if (dataset && operation === 'getActiveJobs') {
        const key = match[0];
        const call = (activeCalls[key] = (activeCalls[key] ?? 0) + 1);
        const finalAt = Number(match[2] ?? Infinity);
        answer = dataset.final && call >= finalAt ? dataset.final : dataset.active[(call - 1) % dataset.active.length];
      }
      if (!answer) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`bench server: nothing for ${operation} at ${req.url}\n`);
        return;
      }
      const gzip = /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));
      const bytes = gzip ? answer.gzip : answer.plain;
      const before = req.socket.bytesWritten;
      res.on('finish', () => {
        stats.bytesOut += req.socket.bytesWritten - before;
      });
      stats.soapResponses += 1;
      stats.bodyBytes += bytes.length;
      stats.plainBodyBytes += answer.plain.length;
      if (gzip) stats.gzipResponses += 1;
      res.writeHead(200, {
        Date: new Date(serverTime + (Date.now() - serveStart)).toUTCString(),
        'Content-Type': 'text/xml;charset=UTF-8',
        'Content-Length': bytes.length,
        ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      });
      res.end(bytes);
    });
  });
  /** Figure 6's IPS: each target's queue at its own poll count. */
  function serveExporter(req, res, target, operation, body) {
    let answer;
    const polls = exporterPolls.get(target) ?? 0;
    if (operation === 'getActiveJobs') {
      exporterPolls.set(target, polls + 1);
      answer = exporter.activeAnswer(polls);
    } else if (operation === 'getJobLogs') {
      const from = Date.parse(/<(?:[\w.-]+:)?startDate>([^<]+)</.exec(body)?.[1] ?? '');
      answer = exporter.logsAnswer(Math.max(0, polls - 1), Number.isNaN(from) ? exporter.timeAt(polls - 1) : from);
    } else if (operation === 'getCompanyInfo') answer = exporter.company;
    if (!answer) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`bench server: nothing for ${operation} at ${req.url}\n`);
      return;
    }
    stats.soapResponses += 1;
    stats.bodyBytes += answer.length;
    stats.plainBodyBytes += answer.length;
    const shown = exporterPolls.get(target) ?? 0;
    res.writeHead(200, { Date: new Date(exporter.timeAt(Math.max(0, shown - 1))).toUTCString(), 'Content-Type': 'text/xml;charset=UTF-8', 'Content-Length': answer.length });
    res.end(answer);
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const sizes = Object.fromEntries(
    Object.entries(datasets).map(([name, d]) => [name, { plainBytes: d.active[0].plain.length, gzipBytes: d.active[0].gzip.length }]),
  );
  process.on('message', (message) => {
    if (message.cmd === 'reset') {
      serveStart = Date.now();
      stats = emptyStats();
      activeCalls = {};
      exporterPolls = new Map();
    }
    process.send({ id: message.id, stats });
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true, port, sizes, prepareMs: performance.now() - started });
}

main().catch((error) => {
  process.stderr.write(`bench server: ${error.stack ?? error}\n`);
  process.exit(1);
});
