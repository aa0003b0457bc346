// Finished jobs' logs written straight into the history, many at once (10,000 for a test or the bench): no job, no
// lifecycle, only the summary getJobLogs serves, with the dates, counts and outcome the test names.
import type { JobLog } from '../ips/types.js';
import { formatIso, parseIso } from './clock.js';
import { companyNumber } from './generate.js';
import { logPrefix } from './joblog.js';

/** One finished job's log, as getJobLogs lists it. */
export interface LogSeed {
  /** The submitted name; the log's jobName is `<originalName>-<n>` unless `jobName` says, its handle `j|<company number>||<jobName>|s<n>`. */
  originalName: string;
  /** The log's jobName as it is, instead of `<originalName>-<n>`. */
  jobName?: string;
  /** An IPS job type (`ImageServingPublish`, `UrlUpload`…): its log-type prefix as a real job's log has it. */
  type: string;
  /** ISO instant (any offset) or epoch ms the job started; written in the server's offset. */
  start: string | number;
  /** endDate − startDate. */
  durationMs: number;
  /** Default `success`. `warnings`: …Warning; `failure`: …Failure with fatalError, or with `fatal: false` …Warning with file errors. */
  outcome?: 'success' | 'warnings' | 'failure';
  /** Outcome failure: false = no fatal error, the job ended with file errors (at least one). Default true. */
  fatal?: boolean;
  /** totalFileCount; default 10. */
  files?: number;
  /** fileErrorCount; default 0, or 1 for a failure that is not fatal. */
  errorFiles?: number;
  /** fileWarningCount; default 0, or 1 for `warnings`. */
  warningFiles?: number;
  /** Default the demo user. */
  submitUserEmail?: string;
  /** Default the demo company `c|1001`. */
  companyHandle?: string;
}

/** The log of seed number `n` (unique within the emulator), dates in the server's offset. */
export function seededLog(seed: LogSeed, n: number, offsetMinutes: number, defaults: { companyHandle: string; submitUserEmail: string }): JobLog {
  const startMs = typeof seed.start === 'number' ? seed.start : parseIso(seed.start);
  if (!Number.isFinite(startMs) || !(seed.durationMs >= 0)) throw new Error(`seeded log ${seed.originalName}: a start and a duration ≥ 0 are required`);
  const outcome = seed.outcome ?? 'success';
  const fatal = outcome === 'failure' && seed.fatal !== false;
  const errors = seed.errorFiles ?? (outcome === 'failure' && !fatal ? 1 : 0);
  const warnings = seed.warningFiles ?? (outcome === 'warnings' ? 1 : 0);
  const files = seed.files ?? 10;
  const success = Math.max(0, files - errors - warnings);
  const prefix = logPrefix(seed.type);
  const logType = fatal ? `${prefix}Failure` : errors + warnings > 0 ? `${prefix}Warning` : `${prefix}Success`;
  const companyHandle = seed.companyHandle ?? defaults.companyHandle;
  const jobName = seed.jobName ?? `${seed.originalName}-${n}`;
  return {
    companyHandle,
    jobHandle: `j|${companyNumber(companyHandle)}||${jobName}|s${n}`,
    jobName,
    originalJobName: seed.originalName,
    submitUserEmail: seed.submitUserEmail ?? defaults.submitUserEmail,
    logType,
    jobSubType: '',
    startDate: formatIso(startMs!, offsetMinutes),
    endDate: formatIso(startMs! + seed.durationMs, offsetMinutes),
    description: `${seed.type} job ${seed.originalName}`,
    fileSuccessCount: success,
    fileErrorCount: errors,
    fileWarningCount: warnings,
    fileDuplicateCount: 0,
    fileUpdateCount: 0,
    totalFileCount: files,
    transferSuccessCount: success + warnings,
    transferErrorCount: errors,
    transferWarningCount: warnings,
    fatalError: fatal,
    detailTotalRows: 0,
    detailArray: [],
  };
}
