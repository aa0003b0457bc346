// Property-based, through the real client, XML parser and HTTP: generated response bodies (well-formed with
// hostile values, and mutated: cut, spliced, given a DOCTYPE, …) served by a loopback peer. Each call ends in
// a normalised result or one of our typed errors — never a TypeError, never an unhandled rejection.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpsClient, type IpsClient } from '../../src/ips/client.js';
import { IpsFaultError, ProtocolError, TransportError } from '../../src/ips/errors.js';
import { COLUMNS, WIDE_COLUMNS } from '../../src/render/columns.js';
import { renderJobsTable } from '../../src/render/jobs-table.js';
import { jobLogColumns } from '../../src/render/job-log-columns.js';
import { createPalette } from '../../src/render/palette.js';
import { renderRecordTable } from '../../src/render/records.js';
import { DETAIL_TABLE_WIDE, detailLines } from '../../src/render/log-detail-columns.js';
import { envelope, startCaptureServer, type CaptureServer, type ScriptedAnswer } from '../helpers/capture-server.js';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, HOSTILE_PIECES, rawActiveJobArray, rawControlIn, rawJobLogArray, rawScheduledJobArray, serverText } from './arbitraries.js';

const TYPES = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';
const XSD = 'http://www.scene7.com/IpsApi/xsd';

let server: CaptureServer;
let ips: IpsClient;
let next: ScriptedAnswer = {};
const stray: unknown[] = [];
const onStray = (error: unknown) => stray.push(error);

beforeAll(async () => {
  server = await startCaptureServer(() => next);
  ips = await createIpsClient({ endpoint: server.url, username: 'u@example.com', password: 'pw', appVersion: 'fuzz', requestTimeoutMs: 5_000 });
  process.on('unhandledRejection', onStray);
  process.on('uncaughtException', onStray);
});

afterAll(async () => {
  process.off('unhandledRejection', onStray);
  process.off('uncaughtException', onStray);
  ips.close();
  await server.close();
});

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A node-soap-shaped value back to XML: text, empty elements, repeats, attributes and children. */
function toXml(name: string, value: unknown): string {
  if (value === undefined) return '';
  const tag = name.startsWith('$') ? 'x' : name;
  if (value === null) return `<ns1:${tag}/>`;
  if (Array.isArray(value)) return value.map((item) => toXml(tag, item)).join('');
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const text = obj.$value;
    if (text !== undefined && (text === null || typeof text !== 'object')) return `<ns1:${tag} kind="text">${escapeXml(String(text))}</ns1:${tag}>`;
    const inner = Object.entries(obj)
      .filter(([key]) => key !== 'attributes')
      .map(([key, inner]) => toXml(key, inner))
      .join('');
    return `<ns1:${tag}>${inner}</ns1:${tag}>`;
  }
  return `<ns1:${tag}>${escapeXml(String(value))}</ns1:${tag}>`;
}

function returnBody(operation: string, arrayName: string, array: unknown): string {
  return envelope(`<ns1:${operation}Return xmlns:ns1="${TYPES}">${toXml(arrayName, array)}</ns1:${operation}Return>`);
}

const FRAGMENTS = [
  '<',
  '>',
  '&',
  '&bogus;',
  '&#0;',
  '&#x1b;',
  '<!DOCTYPE r [<!ENTITY big "boom">]>',
  '<!ENTITY x SYSTEM "file:///etc/passwd">',
  '&x;',
  '</ns1:items>',
  '<ns1:items>',
  '<ns1:jobArray>',
  '<![CDATA[<ns1:name>x</ns1:name>]]>',
  '<?xml version="1.0"?>',
  '<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>x</faultstring></soapenv:Fault>',
  `<ns2:ipsApiFault xmlns:ns2="${XSD}"><code>30000</code><reason>\u001b[2J</reason></ns2:ipsApiFault>`,
  '\u0000',
  '\uffff',
  ...HOSTILE_PIECES,
];

/** Ways to break a body: cut it, splice something in, drop or repeat a slice. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.constantFrom(...FRAGMENTS), serverText) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 60 }) }),
);

type Mutation = { kind: 'cut' | 'insert' | 'drop' | 'repeat'; at: number; text?: string; length?: number };

function mutate(body: string, mutations: readonly Mutation[]): string {
  let out = body;
  for (const m of mutations) {
    const at = Math.floor(m.at * out.length);
    if (m.kind === 'cut') out = out.slice(0, at);
    else if (m.kind === 'insert') out = out.slice(0, at) + (m.text ?? '') + out.slice(at);
    else if (m.kind === 'drop') out = out.slice(0, at) + out.slice(at + (m.length ?? 1));
    else out = out.slice(0, at) + out.slice(at, at + (m.length ?? 1)).repeat(2) + out.slice(at + (m.length ?? 1));
  }
  return out;
}

/** A whole answer: mostly the generated body (possibly mutated), sometimes something that is not SOAP at all. */
function answers(body: fc.Arbitrary<string>): fc.Arbitrary<ScriptedAnswer> {
  return fc.oneof(
    { weight: 3, arbitrary: body.map((text) => ({ body: text })) },
    {
      weight: 5,
      arbitrary: fc
        .tuple(body, fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.constantFrom(200, 200, 500, 502))
        .map(([text, mutations, status]) => ({ status, body: mutate(text, mutations) })),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        status: fc.constantFrom(200, 404, 500, 502, 503),
        headers: fc.constantFrom<Record<string, string>>({}, { 'Content-Type': 'text/html' }, { 'Content-Type': 'application/octet-stream' }),
        body: fc.oneof(serverText, fc.constantFrom('', '<html><body>Bad gateway</body></html>', '<?xml version="1.0"?>', '{"error":1}')),
      }),
    },
  );
}

/** Resolves to the result, or to the error when it is one of ours; anything else fails the property. */
async function settle<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    const ours = error instanceof ProtocolError || error instanceof IpsFaultError || error instanceof TransportError;
    expect(ours, `not a typed error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`).toBe(true);
    expect((error as Error).message).not.toBe('');
    return undefined;
  }
}

const plain = createPalette(false);
const now = new Date('2026-11-28T17:00:00Z');

function expectClean(output: string, what: string): void {
  const found = rawControlIn(output);
  expect(found, `${what}: ${found}`).toBeUndefined();
}

describe('getActiveJobs through the client', () => {
  it('a result or a typed error, and the result renders cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(answers(rawActiveJobArray.map((array) => returnBody('getActiveJobs', 'jobArray', array))), async (answer) => {
        next = answer;
        const jobs = await settle(ips.getActiveJobs({ companyHandle: 'c|1' }));
        if (jobs === undefined) return;
        expect(Array.isArray(jobs)).toBe(true);
        for (const job of jobs) expect(Array.isArray(job.taskProgressArray)).toBe(true);
        expectClean(renderJobsTable(jobs, { columns: WIDE_COLUMNS, headers: true, palette: plain, now, staleAfterMs: 60_000, barStyle: 'ascii' }), 'list');
        for (const job of jobs) for (const id of WIDE_COLUMNS) expect(typeof COLUMNS[id].value(job)).toBe('string');
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(stray).toEqual([]);
  }, FUZZ_TIMEOUT_MS);
});

describe('getJobLogs and getJobLogDetails through the client', () => {
  it('a result or a typed error, and the result renders cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('getJobLogs', 'getJobLogDetails'),
        rawJobLogArray,
        fc.array(mutation, { maxLength: 2 }),
        async (operation, array, mutations) => {
          next = { body: mutate(returnBody(operation, 'jobLogArray', array), mutations) };
          const logs = await settle(operation === 'getJobLogs' ? ips.getJobLogs({ companyHandle: 'c|1' }) : ips.getJobLogDetails({ companyHandle: 'c|1', jobHandle: 'j|1' }));
          if (logs === undefined) return;
          const columns = jobLogColumns('error');
          expectClean(renderRecordTable(logs, columns.wide, { headers: true, palette: plain }), 'logs');
          for (const log of logs) expectClean(renderRecordTable(detailLines(log.detailArray), DETAIL_TABLE_WIDE, { headers: true, palette: plain }), 'log');
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
    expect(stray).toEqual([]);
  }, FUZZ_TIMEOUT_MS);
});

describe('getScheduledJobs through the client', () => {
  it('a result or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(answers(rawScheduledJobArray.map((array) => returnBody('getScheduledJobs', 'jobArray', array))), async (answer) => {
        next = answer;
        const jobs = await settle(ips.getScheduledJobs({ companyHandle: 'c|1' }));
        if (jobs !== undefined) expect(Array.isArray(jobs)).toBe(true);
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(stray).toEqual([]);
  }, FUZZ_TIMEOUT_MS);
});

describe('a DOCTYPE is a protocol error and its entities are never expanded', () => {
  it.each([
    '<!DOCTYPE r [<!ENTITY name "Expanded-Entity">]>',
    '<!DOCTYPE r SYSTEM "http://127.0.0.1:9/dtd">',
  ])('%s', async (doctype) => {
    const body = returnBody('getActiveJobs', 'jobArray', { items: { name: 'Spring' } }).replace('<soapenv:Envelope', `${doctype}<soapenv:Envelope`);
    next = { body: body.replace('>Spring<', '>&name;<') };
    const error = await ips.getActiveJobs().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProtocolError);
    expect(String((error as Error).message)).not.toContain('Expanded-Entity');
  });
});
