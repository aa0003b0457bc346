// The IPS of the exporter figure (6) of the benchmark, served by bench/serve.mjs: per target, a queue of 500 jobs that
// moves on at every poll, as a busy company's does, for as many polls as the figure makes.
//
// At poll k (the k-th getActiveJobs of that target, from 0) the target lists jobs n = 5k … 5k + 499: the 5 oldest Done
// (their logs readable from then on), the others Running, each 1 % further than at the poll before; the 5 newest appear.
// Every job lasts 100 polls and every name is new, so an exporter that kept anything per job (a series, a remembered
// handle) would grow with the polls. Every 50th job stalls (progress and lastProgressUpdate frozen) after 10 polls.
// Types and outcomes cycle: ImageServingPublish succeeds, UploadFromServerDirectory ends with warnings, VideoPublish
// fails (file errors). Each poll is 60 s later by the server's clock (its Date header): the exporter's default
// interval, so what it remembers "for an hour" is what it would remember at that interval.
//
// The XML is the emulator's: one job of each type is run once in it, and its answers (a Running item, a Done item, a
// log) become templates whose names, handles, dates and progress are filled in for each job. Answers are sent
// uncompressed (1.5 MB a poll): making them costs the server a few milliseconds, gzipping them would cost more.
import { DEMO_CREDENTIALS, formatIso, jobTimes, startEmulator } from '../dist/emulator/index.js';

const LISTED = 500;
const CHURN = 5;
const STEP_MS = 60_000;
const STALL_EVERY = 50;
const STALL_AFTER = 10;
const OFFSET_MINUTES = -8 * 60;
const TYPES = [
  { type: 'ImageServingPublish', outcome: 'success' },
  { type: 'UploadFromServerDirectory', outcome: 'warnings', warningFiles: 2 },
  { type: 'VideoPublish', outcome: 'failure', fatal: false, errorFiles: 3 },
];

const soapEnvelope = 'http://schemas.xmlsoap.org/soap/envelope/';

function envelope(operation, fields) {
  const body = Object.entries(fields).map(([name, value]) => `<ns:${name}>${value}</ns:${name}>`).join('');
  const auth = `<ns:authHeader><ns:user>${DEMO_CREDENTIALS.username}</ns:user><ns:password>${DEMO_CREDENTIALS.password}</ns:password><ns:gzipResponse>false</ns:gzipResponse></ns:authHeader>`;
  return `<?xml version="1.0" encoding="utf-8"?><soapenv:Envelope xmlns:soapenv="${soapEnvelope}" xmlns:ns="http://www.scene7.com/IpsApi/xsd/2014-04-03"><soapenv:Header>${auth}</soapenv:Header><soapenv:Body><ns:${operation}Param>${body}</ns:${operation}Param></soapenv:Body></soapenv:Envelope>`;
}

/** One call to the emulator; its answer with the default namespace instead of `types:` prefixes, as Axis writes it. */
async function ask(emulator, operation, fields) {
  const response = await fetch(emulator.url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${operation}"` },
    body: envelope(operation, fields),
  });
  const xml = await response.text();
  if (response.status !== 200 || !xml.includes(`${operation}Return`)) throw new Error(`bench exporter data: ${operation}: HTTP ${response.status}: ${xml.slice(0, 300)}`);
  return xml.replace(/<(\/?)types:/g, '<$1');
}

/** An answer's array split into its head, its items (those whose text includes `keep`, by keep) and its tail. */
function splitItems(xml, array, keeps) {
  const open = `<${array}>`;
  const close = `</${array}>`;
  const start = xml.indexOf(open) + open.length;
  const end = xml.indexOf(close);
  if (start < open.length || end < 0) throw new Error(`bench exporter data: no ${array} in the answer`);
  const items = xml.slice(start, end).split(/(?=<items><companyHandle>)/);
  const found = keeps.map((keep) => items.find((item) => item.includes(`>${keep}<`)));
  if (found.some((item) => item === undefined)) throw new Error(`bench exporter data: ${array} lacks one of ${keeps.join(', ')}`);
  return { head: xml.slice(0, start), items: found, tail: xml.slice(end) };
}

/** `item` with each literal of `values` (longest first) made a slot: { parts, keys }, filled by fill(). */
function template(item, values) {
  const entries = Object.entries(values).sort((a, b) => b[1].length - a[1].length);
  const pattern = new RegExp(entries.map(([, literal]) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const parts = [];
  const keys = [];
  let last = 0;
  for (const match of item.matchAll(pattern)) {
    parts.push(item.slice(last, match.index));
    keys.push(entries.find(([, literal]) => literal === match[0])[0]);
    last = match.index + match[0].length;
  }
  parts.push(item.slice(last));
  for (const key of Object.keys(values)) if (!keys.includes(key)) throw new Error(`bench exporter data: ${key} not found in a template`);
  return { parts, keys };
}

function fill({ parts, keys }, values) {
  let out = parts[0];
  for (let i = 0; i < keys.length; i++) out += values[keys[i]] + parts[i + 1];
  return out;
}

/** The job-level <progress> of an active job (the first; its tasks' come after) made a literal no other text has. */
const PROGRESS_SLOT = '\u0001progress\u0001';
function markProgress(item) {
  const at = item.indexOf('<progress>');
  const end = item.indexOf('</progress>', at);
  return `${item.slice(0, at)}<progress>${PROGRESS_SLOT}${item.slice(end)}`;
}

/**
 * Runs one job of each type in an emulator and makes the templates; resolves with the data set: answers by poll.
 * `startTime`: the server's time at poll 0.
 */
export async function exporterDataset(startTime) {
  const emulator = await startEmulator({ speed: 0, jobs: 0, startTime });
  try {
    const jobs = TYPES.map(({ type, ...outcome }) =>
      emulator.ips.addJob({ originalName: `Bench-Exporter-${type}`, type, waitMs: 0, files: 40, durationMs: 3_600_000, ...outcome }),
    );
    const originals = jobs.map((job) => job.originalName);
    const fields = { companyHandle: DEMO_CREDENTIALS.companyHandle, includeWaitingJobs: true };
    emulator.clock.advance(20 * 60_000);
    const lpu = formatIso(emulator.clock.nowMs() - 30_000, OFFSET_MINUTES);
    const running = splitItems(await ask(emulator, 'getActiveJobs', fields), 'jobArray', originals);
    const endAt = Math.max(...jobs.map((job) => jobTimes(job.plan).endAt));
    emulator.clock.set(new Date(endAt + 1_000).toISOString());
    const done = splitItems(await ask(emulator, 'getActiveJobs', fields), 'jobArray', originals);
    const logs = splitItems(await ask(emulator, 'getJobLogs', { companyHandle: DEMO_CREDENTIALS.companyHandle, startDate: startTime }), 'jobLogArray', originals);
    const company = await ask(emulator, 'getCompanyInfo', { companyName: DEMO_CREDENTIALS.company });

    const slots = (job, extra) => ({ handle: job.jobHandle, name: job.name, originalName: job.originalName, start: formatIso(jobTimes(job.plan).runAt, OFFSET_MINUTES), ...extra });
    const end = (job) => formatIso(jobTimes(job.plan).endAt, OFFSET_MINUTES);
    const templates = jobs.map((job, i) => ({
      running: template(markProgress(running.items[i]), slots(job, { lpu, progress: PROGRESS_SLOT })),
      done: template(done.items[i], slots(job, { end: end(job) })),
      log: template(logs.items[i], slots(job, { end: end(job) })),
    }));
    if (!templates.every((t) => /<state>Running</.test(t.running.parts.join('')) && /<state>Done</.test(t.done.parts.join('')))) {
      throw new Error('bench exporter data: the templates are not Running and Done');
    }
    return makeDataset(Date.parse(startTime), templates, running, logs, company);
  } finally {
    await emulator.close();
  }
}

function makeDataset(startMs, templates, activeFrame, logFrame, company) {
  const at = (poll) => startMs + poll * STEP_MS;
  const iso = (ms) => formatIso(ms, OFFSET_MINUTES);
  /** The first poll that lists job n, and the one that shows it Done (its last). */
  const firstPoll = (n) => Math.floor((n - LISTED) / CHURN) + 1;
  const donePoll = (n) => Math.floor(n / CHURN);
  const startOf = (n) => at(firstPoll(n)) - 30_000;
  const names = (n) => {
    const originalName = `Bench-Exporter-${String(n).padStart(7, '0')}`;
    const name = `${originalName}-1`;
    return { originalName, name, handle: `j|1001||${name}|${200_000 + n}` };
  };

  function activeAnswer(poll) {
    let xml = activeFrame.head;
    const first = poll * CHURN;
    for (let n = first; n < first + LISTED; n++) {
      const t = templates[n % templates.length];
      const start = iso(startOf(n));
      if (n < first + CHURN) {
        xml += fill(t.done, { ...names(n), start, end: iso(at(poll) - 2_000) });
        continue;
      }
      const age = poll - firstPoll(n);
      const moving = n % STALL_EVERY !== 7 ? age : Math.min(age, STALL_AFTER);
      xml += fill(t.running, { ...names(n), start, progress: String(Math.min(99, 1 + moving)), lpu: iso(at(firstPoll(n) + moving) - 5_000) });
    }
    return Buffer.from(xml + activeFrame.tail, 'utf8');
  }

  /** getJobLogs at `poll` from `fromMs`: every job Done by then that started at or after it, newest first. */
  function logsAnswer(poll, fromMs) {
    let xml = logFrame.head;
    for (let n = (poll + 1) * CHURN - 1, count = 0; n >= 0 && count < 5_000 && startOf(n) >= fromMs; n--, count++) {
      xml += fill(templates[n % templates.length].log, { ...names(n), start: iso(startOf(n)), end: iso(at(donePoll(n)) - 2_000) });
    }
    return Buffer.from(xml + logFrame.tail, 'utf8');
  }

  return {
    listed: LISTED,
    churn: CHURN,
    /** The server's time at a poll (the Date header of its answers). */
    timeAt: at,
    activeAnswer,
    logsAnswer,
    company: Buffer.from(company, 'utf8'),
  };
}
