// Property-based: whatever node-soap hands over (missing fields, wrong types, huge numbers, unicode, terminal
// escapes), normalisation never throws and yields well-typed objects, and no renderer puts a raw control
// character into table or line output, while json keeps every value as it was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as normalise from '../../src/ips/normalise.js';
import type { ActiveJob, CompanyMembership, JobLog, ScheduledJob } from '../../src/ips/types.js';
import { runChecks } from '../../src/jobs/check-rules.js';
import { outcomeFromLog, type FailOn } from '../../src/jobs/outcome.js';
import { firstSeen, step } from '../../src/follow/job-machine.js';
import { jobKey } from '../../src/jobs/job-ref.js';
import { COLUMNS, DEFAULT_COLUMNS, WIDE_COLUMNS } from '../../src/render/columns.js';
import { COMPANY_COLUMNS, COMPANY_WIDE_COLUMNS } from '../../src/render/company-columns.js';
import { eventLine } from '../../src/render/event-line.js';
import { eventNdjson } from '../../src/render/event-ndjson.js';
import { workflowCommand } from '../../src/render/github-annotations.js';
import { renderActiveJob, renderJobLogSummary } from '../../src/render/job-detail.js';
import { JOB_LOG_SUMMARY_COLUMNS, TASK_ITEM_RECORD_COLUMNS, TASK_RECORD_COLUMNS, taskItemRecords, taskRecords } from '../../src/render/job-detail-records.js';
import { jobLogColumns } from '../../src/render/job-log-columns.js';
import { jobRecord, jobsDocument, renderJson } from '../../src/render/jobs-json.js';
import { renderJobsTable } from '../../src/render/jobs-table.js';
import { renderFrame } from '../../src/render/live-screen.js';
import { DETAIL_DELIMITED_COLUMNS, DETAIL_TABLE_WIDE, detailLines } from '../../src/render/log-detail-columns.js';
import { renderLogSummary } from '../../src/render/log-summary.js';
import { countsFromLog, outcomeDocument, outcomeLine } from '../../src/render/outcome-text.js';
import { createPalette } from '../../src/render/palette.js';
import { progressLine } from '../../src/render/progress-line.js';
import { renderNdjson, renderRecordDelimited, renderRecordTable, type RecordColumn } from '../../src/render/records.js';
import { SCHEDULED_WIDE_COLUMNS, scheduledColumns } from '../../src/render/scheduled-columns.js';
import {
  FUZZ_RUNS,
  FUZZ_TIMEOUT_MS,
  rawActiveJobArray,
  rawControlIn,
  rawJobLogArray,
  rawMembershipArray,
  rawScheduledJobArray,
  serverText,
} from './arbitraries.js';

const plain = createPalette(false);
const now = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-01-01T00:00:00Z'), noInvalidDate: true });
const width = fc.option(fc.integer({ min: 1, max: 240 }), { nil: undefined });
const failOn = fc.constantFrom<FailOn>('fatal', 'error', 'warning');

/** Normalises with a sink, checking every report is a path and a problem in words. */
function normaliseAll<T>(raw: unknown, each: normalise.Normaliser<T>): T[] {
  const problems: Array<[string, string]> = [];
  const result = normalise.items(raw, each, (path, problem) => problems.push([path, problem]), 'array');
  for (const [path, problem] of problems) {
    expect(typeof path).toBe('string');
    expect(problem).not.toBe('');
  }
  // Without a sink the result is the same: reporting never changes what is read.
  expect(normalise.items(raw, each)).toEqual(result);
  return result;
}

/** Table and line output: no raw control character but the line ends we write, and no `Invalid Date`. */
function expectClean(output: string, what: string): void {
  const found = rawControlIn(output);
  expect(found, `${what}: ${found}`).toBeUndefined();
  expect(output, what).not.toContain('Invalid Date');
}

/** One line of output: clean, and no line break inside it. */
function expectOneLine(line: string, what: string): void {
  expectClean(line, what);
  expect(line.replace(/\n$/, ''), what).not.toContain('\n');
}

const isOptionalString = (v: unknown) => v === undefined || typeof v === 'string';
const isOptionalNumber = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));

function expectWellTypedJob(job: ActiveJob): void {
  for (const key of ['companyHandle', 'jobHandle', 'name', 'originalName', 'type', 'state', 'submitUserEmail', 'locale', 'description', 'serverName', 'startDate', 'triggerTime', 'progressMessage', 'lastProgressUpdate'] as const) {
    expect(isOptionalString(job[key]), key).toBe(true);
  }
  expect(isOptionalNumber(job.progress)).toBe(true);
  expect(isOptionalNumber(job.totalSize)).toBe(true);
  expect(Array.isArray(job.taskProgressArray)).toBe(true);
  for (const task of job.taskProgressArray) {
    expect(isOptionalNumber(task.numProcessed) && isOptionalNumber(task.progress)).toBe(true);
    expect(Array.isArray(task.taskItemProgressArray)).toBe(true);
  }
}

function expectWellTypedLog(log: JobLog): void {
  for (const key of ['jobHandle', 'jobName', 'logType', 'startDate', 'endDate', 'description'] as const) expect(isOptionalString(log[key]), key).toBe(true);
  for (const key of ['fileSuccessCount', 'fileErrorCount', 'totalFileCount', 'detailTotalRows'] as const) expect(isOptionalNumber(log[key]), key).toBe(true);
  expect(log.fatalError === undefined || typeof log.fatalError === 'boolean').toBe(true);
  expect(Array.isArray(log.detailArray)).toBe(true);
  for (const detail of log.detailArray) expect(Array.isArray(detail.auxArray)).toBe(true);
}

/** csv/tsv keep values raw, but a tsv row is still one line with the right number of fields. */
function expectDelimited<T>(rows: readonly T[], columns: readonly RecordColumn<T>[]): void {
  const tsv = [...renderRecordDelimited(rows, columns, { format: 'tsv', headers: true })];
  expect(tsv).toHaveLength(rows.length + 1);
  for (const line of tsv) expect(line.slice(0, -1).split('\t')).toHaveLength(columns.length);
  [...renderRecordDelimited(rows, columns, { format: 'csv', headers: true })];
}

/** json keeps the raw values (C1 and bidi controls only \u-escaped) and stays on one line for ndjson. */
function expectRawJson(items: readonly unknown[]): void {
  const doc = { schemaVersion: 1, items };
  const text = renderJson(doc);
  expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(doc)));
  expectClean(text, 'json');
  const lines = [...renderNdjson(items)];
  for (const line of lines) expectOneLine(line, 'ndjson');
  expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(items.map((item) => JSON.parse(JSON.stringify(item)) as unknown));
}

describe('getActiveJobs answers → list, show, watch, wait and check output', () => {
  it('never throw, are well typed, and never put a raw control character on a terminal', () => {
    fc.assert(
      fc.property(rawActiveJobArray, now, width, fc.integer({ min: 0, max: 86_400_000 }), serverText, (raw, at, cols, staleAfterMs, errorText) => {
        const jobs = normaliseAll(raw, normalise.activeJob);
        jobs.forEach(expectWellTypedJob);

        for (const columns of [DEFAULT_COLUMNS, WIDE_COLUMNS]) {
          const table = renderJobsTable(jobs, { columns, headers: true, palette: plain, now: at, staleAfterMs, barStyle: 'unicode', width: cols });
          expectClean(table, 'list table');
          expect(table.split('\n').length).toBe(jobs.length + 2);
          // Unreadable numbers and dates show as nothing or `-`, never as NaN (unless the server wrote it as text).
          if (!JSON.stringify(jobs).includes('NaN')) expect(table).not.toContain('NaN');
        }
        expectDelimited(jobs, WIDE_COLUMNS.map((id) => ({ id, header: id, field: COLUMNS[id].field, text: (job: ActiveJob) => COLUMNS[id].value(job) })));
        expectRawJson(jobs);
        expect(JSON.parse(renderJson(jobsDocument({ companyHandle: 'c|1' }, jobs))).jobs).toEqual(JSON.parse(JSON.stringify(jobs.map(jobRecord))));

        const frame = renderFrame({
          jobs,
          finished: jobs.slice(0, 1).map((job) => ({ job, outcome: 'failed', detail: errorText })),
          columns: WIDE_COLUMNS,
          palette: plain,
          now: at,
          staleAfterMs,
          width: cols ?? 80,
          height: 12,
          footer: { company: errorText, lastPoll: at, nextPoll: at, staleSinceMs: staleAfterMs, error: errorText, polls: 3 },
        });
        for (const line of frame) expectOneLine(line, 'watch frame');

        // Each job seen with a hostile state and progress first, then as it is: added, state, progress, stalled events.
        const rules = { stallWindowMs: staleAfterMs, logGraceMs: 0, failOn: 'error' as const };
        const events = jobs.flatMap((job) => {
          const first = firstSeen({ ...job, progress: -1, state: errorText }, at.getTime(), rules);
          return [...first.events, ...step(first.state, { kind: 'listed', job, now: at.getTime() }, rules).events];
        });
        for (const e of events.map((event) => ({ ...event, jobHandle: jobKey(event.job) }))) {
          // Tabs are the event line's own field separators: exactly five fields, each clean.
          const line = eventLine({ ts: at.toISOString(), event: e.type, jobName: e.job.name ?? e.job.originalName, jobHandle: e.jobHandle, detail: e.detail });
          const fields = line.replace(/\n$/, '').split('\t');
          expect(fields).toHaveLength(5);
          for (const field of fields) expectOneLine(field, 'event line field');
          const record = eventNdjson({ ts: at.toISOString(), event: e.type, jobHandle: e.jobHandle, job: e.job, detail: e.detail });
          expectOneLine(record, 'event ndjson');
          expect(JSON.parse(record).job).toEqual(JSON.parse(JSON.stringify(jobRecord(e.job))));
        }

        for (const job of jobs) {
          for (const wide of [false, true]) {
            expectClean(renderActiveJob(job, { palette: plain, now: at, width: cols, wide, staleAfterMs, barStyle: 'unicode', items: true }), 'show');
          }
          expectOneLine(progressLine(job, { width: cols, etaMs: staleAfterMs }), 'wait progress');
          expectOneLine(outcomeLine({ outcome: 'stalled', jobName: job.name, reason: job.progressMessage, silentForMs: staleAfterMs }), 'wait outcome');
          expectOneLine(outcomeLine({ outcome: 'not_found', jobName: job.originalName, reason: errorText }), 'wait outcome');
          expectDelimited(taskRecords(job), TASK_RECORD_COLUMNS);
          expectDelimited(taskItemRecords(job), TASK_ITEM_RECORD_COLUMNS);
        }

        const report = runChecks({ stalledMs: staleAfterMs, queuedMs: 1, runningLongerMs: 1, maxActive: 0, failOn: 'error' }, { active: jobs, logs: [], now: at, previous: {} });
        for (const problem of report.problems) {
          expectOneLine(workflowCommand('error', { title: `ips-jobs ${problem.rule}: ${problem.jobName ?? ''}` }, problem.message), 'github annotation');
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('getJobLogs / getJobLogDetails answers → logs, log, show, wait and check output', () => {
  it('never throw, are well typed, and never put a raw control character on a terminal', () => {
    fc.assert(
      fc.property(rawJobLogArray, now, width, failOn, (raw, at, cols, rule) => {
        const logs = normaliseAll(raw, normalise.jobLog);
        logs.forEach(expectWellTypedLog);

        const columns = jobLogColumns(rule);
        for (const shown of [columns.table, columns.wide, columns.all]) {
          expectClean(renderRecordTable(logs, shown, { headers: true, palette: plain, width: cols, rowStyle: columns.rowStyle }), 'logs table');
        }
        expectDelimited(logs, columns.delimited);
        expectDelimited(logs, JOB_LOG_SUMMARY_COLUMNS);
        expectRawJson(logs);

        for (const log of logs) {
          expectClean(renderLogSummary(log, { failOn: rule, palette: plain, detailNote: '(filtered)' }), 'log summary');
          for (const wide of [false, true]) expectClean(renderJobLogSummary(log, { palette: plain, now: at, width: cols, wide }), 'show log');
          const lines = detailLines(log.detailArray);
          expectClean(renderRecordTable(lines, DETAIL_TABLE_WIDE, { headers: true, palette: plain, width: cols }), 'log details');
          expectDelimited(log.detailArray, DETAIL_DELIMITED_COLUMNS);
          expectRawJson(log.detailArray);

          const result = outcomeFromLog(log, rule);
          const summary = { outcome: result.outcome, jobName: log.jobName, counts: countsFromLog(log), reason: result.reason };
          expectOneLine(outcomeLine(summary), 'wait outcome');
          const doc = outcomeDocument({ outcome: result.outcome, log, reason: result.reason });
          expect(JSON.parse(renderJson(doc))).toEqual(JSON.parse(JSON.stringify(doc)));
        }

        const report = runChecks({ failedSinceMs: 86_400_000, failOn: rule }, { active: [], logs, now: at, previous: {} });
        for (const problem of report.problems) expectOneLine(workflowCommand('error', { title: problem.jobName ?? '' }, problem.message), 'github annotation');
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('getScheduledJobs and getCompanyMembership answers → scheduled and companies output', () => {
  it('never throw and never put a raw control character on a terminal', () => {
    fc.assert(
      fc.property(rawScheduledJobArray, rawMembershipArray, now, width, (rawScheduled, rawMemberships, at, cols) => {
        const scheduled: ScheduledJob[] = normaliseAll(rawScheduled, normalise.scheduledJob);
        const byId = scheduledColumns(at);
        const wide = SCHEDULED_WIDE_COLUMNS.map((id) => byId[id]!);
        expectClean(renderRecordTable(scheduled, wide, { headers: true, palette: plain, width: cols }), 'scheduled table');
        expectDelimited(scheduled, wide);
        expectRawJson(scheduled);

        const memberships: CompanyMembership[] = normaliseAll(rawMemberships, normalise.companyMembership);
        expectClean(renderRecordTable(memberships, COMPANY_WIDE_COLUMNS, { headers: true, palette: plain, width: cols }), 'companies table');
        expectDelimited(memberships, COMPANY_COLUMNS);
        expectRawJson(memberships);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});
