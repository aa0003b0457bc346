// The reader of SOAP answers against its own scanner, in one process: readSoapAnswer (scanning and building the
// objects the normaliser reads) against scanXml with handlers that do nothing, on the same 5,000-job
// getActiveJobs answer. Figure R of `npm run bench` (target: reading ≤ 2× scanning); `node bench/reader-speed.mjs
// [runs]` prints the JSON alone.
//
// It times the code in src/: the reader, the scanner and the schema map are bundled from their TypeScript with
// esbuild into a temporary directory (dist/ may be stale or mid-build). The answer is made here, shaped as
// bench/serve.mjs makes its list5000 answer with the emulator: running UploadFromServerDirectory jobs, 20 minutes
// in, three tasks each (Upload processing three items, Optimize and ImageServingPublish not started), the
// elements unprefixed as an Axis server writes them — about 2.9 KB a job.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const JOBS = 5000;

/** The reader, the scanner and the schema module, bundled from src/ and imported. */
async function loadSources() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    throw new Error('bench/reader-speed.mjs needs esbuild (a devDependency): npm install', { cause: error });
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'ips-jobs-reader-speed-'));
  try {
    const outfile = path.join(dir, 'reader.mjs');
    await esbuild.build({
      stdin: {
        contents: [
          "export { readSoapAnswer } from './src/ips/response-reader.ts';",
          "export { scanXml } from './src/ips/xml-scan.ts';",
          "export * as schemaModule from './src/ips/response-schema.ts';",
        ].join('\n'),
        resolveDir: ROOT,
        sourcefile: 'reader-speed-entry.ts',
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'error',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The schema map of our WSDL, built from its generated description as the client builds it. */
function loadSchema(schemaModule) {
  return schemaModule.responseSchema();
}

/** A small deterministic generator (mulberry32): the same answer on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START = '2026-11-28T09:00:00.000-08:00';
const FILE_STEMS = ['camp-stove', 'boot', 'rain-shell', 'sku', 'tent', 'backpack', 'headlamp', 'fleece'];
const FILE_TYPES = ['psd', 'tif', 'png', 'jpg'];
const EMAIL_SETTINGS = ['ErrorAndWarning', 'JobCompletion', 'Error', 'All', 'None'];

const el = (name, value) => `<${name}>${value}</${name}>`;
const at = (minutes, ms) => `2026-11-28T09:${String(minutes).padStart(2, '0')}:${String(Math.floor(ms / 1000)).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}-08:00`;

function task(type, state, done, processing, files, update, items) {
  return (
    '<items>' +
    el('taskType', type) +
    el('taskState', state) +
    el('numProcessed', done) +
    el('numProcessing', processing) +
    el('numPending', files - done - processing) +
    el('progress', done === 0 ? 0 : Number((done / files).toFixed(3))) +
    el('progressMessage', `${done} of ${files} processed`) +
    el('lastProgressUpdate', update) +
    `<taskItemProgressArray>${items}</taskItemProgressArray>` +
    '</items>'
  );
}

/** One running job as the emulator lists it, 20 minutes after it started. */
function activeJob(i, next) {
  const name = `Bench-Upload-${String(i).padStart(5, '0')}`;
  const files = 40 + (i % 160);
  const done = Math.max(1, Math.floor(files * (0.12 + next() * 0.08)));
  const update = at(18 + Math.floor(next() * 2), Math.floor(next() * 60_000));
  const file = () => `DemoCompany/incoming/${FILE_STEMS[Math.floor(next() * FILE_STEMS.length)]}-${10000 + Math.floor(next() * 90000)}.${FILE_TYPES[Math.floor(next() * FILE_TYPES.length)]}`;
  const item = (progress, message) => '<items>' + el('itemName', file()) + el('progress', progress) + el('progressMessage', message) + el('lastProgressUpdate', update) + '</items>';
  const uploading = item(Number(next().toFixed(2)), 'Processing') + item(0, 'Queued') + item(0, 'Queued');
  return (
    '<items>' +
    el('companyHandle', 'c|1001') +
    el('jobHandle', `j|1001||${name}-2026-11-28-09:00:00|${10000 + Math.floor(next() * 90000)}`) +
    el('name', `${name}-2026-11-28-09:00:00`) +
    el('originalName', name) +
    el('type', 'UploadFromServerDirectory') +
    el('state', 'Running') +
    el('submitUserEmail', 'demo@ips-jobs.example') +
    el('locale', 'en-US') +
    el('serverName', `sj1-ips-job-${10 + (i % 7)}`) +
    el('startDate', START) +
    el('triggerTime', START) +
    el('totalSize', files * 3_000_000 + Math.floor(next() * 3_000_000)) +
    el('progress', Math.floor((done / files) * 60)) +
    el('progressMessage', `Uploading ${Math.max(1, done - 2)} of ${files} files`) +
    el('lastProgressUpdate', update) +
    '<taskProgressArray>' +
    task('Upload', 'Processing', done, 3, files, update, uploading) +
    task('Optimize', 'New', 0, 0, files, START, '') +
    task('ImageServingPublish', 'New', 0, 0, files, START, '') +
    '</taskProgressArray>' +
    '<uploadDirectoryJob>' +
    el('destFolder', 'DemoCompany/incoming/') +
    el('serverDir', '/ftp/democompany/incoming') +
    el('overwrite', 'true') +
    el('readyForPublish', 'true') +
    el('includeSubfolders', i % 3 === 1 ? 'true' : 'false') +
    el('createMask', 'false') +
    el('processMetadataFiles', 'false') +
    el('emailSetting', EMAIL_SETTINGS[i % EMAIL_SETTINGS.length]) +
    '<postImageServingPublishJob>' +
    el('publishType', 'Incremental') +
    el('emailSetting', 'Error') +
    '</postImageServingPublishJob>' +
    '</uploadDirectoryJob>' +
    '</items>'
  );
}

/** The getActiveJobs answer of `count` running jobs, as bench/serve.mjs serves it (no `types:` prefixes). */
export function activeJobsAnswer(count = JOBS) {
  const next = random(1);
  const jobs = [];
  for (let i = 0; i < count; i++) jobs.push(activeJob(i, next));
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"  xmlns:tns="http://www.scene7.com/IpsApi" xmlns:types="http://www.scene7.com/IpsApi/xsd/2014-04-03" xmlns:hdr="http://www.scene7.com/IpsApi/xsd/2014-04-03" xmlns:flt="http://www.scene7.com/IpsApi/xsd">' +
    '<soap:Body>' +
    '<getActiveJobsReturn xmlns:types="http://www.scene7.com/IpsApi/xsd/2014-04-03" xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03">' +
    `<jobArray>${jobs.join('')}</jobArray>` +
    '</getActiveJobsReturn></soap:Body></soap:Envelope>'
  );
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Medians of `runs` timings each of scanXml (no-op handlers) and readSoapAnswer on the 5,000-job answer, after a
 * warm-up, alternating the two. `ratio` is readMs / scanMs; MB/s count 10^6 bytes of UTF-8 answer.
 */
export async function measureReader({ runs = 15 } = {}) {
  const { readSoapAnswer, scanXml, schemaModule } = await loadSources();
  const schema = loadSchema(schemaModule);
  // A fresh copy of the text, flat (not a rope of concatenations): as a decoded HTTP body is.
  const xml = Buffer.from(activeJobsAnswer(JOBS), 'utf8').toString('utf8');
  const answerBytes = Buffer.byteLength(xml, 'utf8');

  const noop = () => {};
  const handler = { open: noop, close: noop, text: noop, leaf: noop };
  const scan = () => scanXml(xml, handler);
  let answer;
  const read = () => {
    answer = readSoapAnswer(xml, 'getActiveJobs', schema);
  };
  const time = (fn) => {
    const started = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };

  const warmup = Math.max(3, Math.min(5, runs));
  const scans = [];
  const reads = [];
  for (let i = 0; i < warmup + runs; i++) {
    const scanMs = time(scan);
    const readMs = time(read);
    if (i >= warmup) {
      scans.push(scanMs);
      reads.push(readMs);
    }
    // Let the last reading go before the next run is timed.
    answer = i === warmup + runs - 1 ? answer : undefined;
  }
  const items = answer?.kind === 'return' ? answer.value?.jobArray?.items : undefined;
  if (!Array.isArray(items) || items.length !== JOBS || items[0]?.taskProgressArray?.items?.length !== 3) {
    throw new Error(`bench/reader-speed.mjs: the reader did not read ${JOBS} jobs of 3 tasks (${answer?.kind}, ${Array.isArray(items) ? items.length : typeof items} items)`);
  }
  const scanMs = median(scans);
  const readMs = median(reads);
  return {
    answerBytes,
    jobs: items.length,
    scanMs,
    readMs,
    scanMBps: answerBytes / 1e6 / (scanMs / 1000),
    readMBps: answerBytes / 1e6 / (readMs / 1000),
    ratio: readMs / scanMs,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const runs = Number(process.argv[2] ?? 15);
  measureReader({ runs }).then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error) => {
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
