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
import { startCaptureServer, type CaptureServer, type ScriptedAnswer } from '../helpers/capture-server.js';
import { mutate, mutation, returnBody } from './xml-body.js';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, rawActiveJobArray, rawControlIn, rawJobLogArray, rawScheduledJobArray, serverText } from './arbitraries.js';


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
