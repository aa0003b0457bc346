// The head of `log <job>`: what the job was, when it ran, what it did to how many files, and how it ended.
import type { JobLog } from '../ips/types.js';
import { parseIso } from '../jobs/dates.js';
import { formatDuration } from '../text/duration.js';
import { logStatus } from '../jobs/log-status.js';
import { jobTypeFromLogType } from '../jobs/log-type.js';
import { outcomeFromLog, type FailOn } from '../jobs/outcome.js';
import { formatDetailTime } from './log-detail-columns.js';
import { statusStyle } from './job-log-columns.js';
import type { Palette } from './palette.js';
import { sanitizeForTerminal } from './sanitize.js';
import { plural } from '../text/plural.js';

export interface LogSummaryOptions {
  failOn: FailOn;
  palette: Palette;
  /** Said after the detail count when the rows were narrowed by log type. */
  detailNote?: string;
}

/** Label-value lines ending in `\n`; server text is made safe for the terminal. */
export function renderLogSummary(log: JobLog, options: LogSummaryOptions): string {
  const { palette } = options;
  const safe = (text: string | undefined) => sanitizeForTerminal(text ?? '');
  const rows: Array<[string, string]> = [];
  const original = log.originalJobName && log.originalJobName !== log.jobName ? ` (submitted as ${safe(log.originalJobName)})` : '';
  rows.push(['Job', `${safe(log.jobName || log.originalJobName || '-')}${original}`]);
  rows.push(['Handle', safe(log.jobHandle || '-')]);
  const logTypeNote = [log.logType ? `log type ${safe(log.logType)}` : '', log.jobSubType ? `subtype ${safe(log.jobSubType)}` : ''].filter(Boolean).join(', ');
  rows.push(['Type', `${safe(jobTypeFromLogType(log.logType) ?? '-')}${logTypeNote ? ` (${logTypeNote})` : ''}`]);
  if (log.description) rows.push(['Description', safe(log.description)]);
  if (log.submitUserEmail) rows.push(['User', safe(log.submitUserEmail)]);
  rows.push(['Started', formatDetailTime(log.startDate)]);
  const start = parseIso(log.startDate);
  const end = parseIso(log.endDate);
  rows.push(['Ended', log.endDate ? formatDetailTime(log.endDate) : 'not yet']);
  if (start !== undefined && end !== undefined) rows.push(['Duration', formatDuration(end - start)]);
  const files = [
    `${log.totalFileCount ?? 0} total`,
    `${log.fileSuccessCount ?? 0} succeeded`,
    plural(log.fileWarningCount ?? 0, 'warning'),
    plural(log.fileErrorCount ?? 0, 'error'),
    plural(log.fileDuplicateCount ?? 0, 'duplicate'),
    `${log.fileUpdateCount ?? 0} updated`,
  ];
  rows.push(['Files', files.join(', ')]);
  if (log.transferSuccessCount !== undefined || log.transferErrorCount !== undefined || log.transferWarningCount !== undefined) {
    rows.push([
      'Transfers',
      `${log.transferSuccessCount ?? 0} succeeded, ${plural(log.transferWarningCount ?? 0, 'warning')}, ${plural(log.transferErrorCount ?? 0, 'error')}`,
    ]);
  }
  const status = logStatus(log, options.failOn);
  const reason = status === 'running' ? 'no end date in the log yet' : outcomeFromLog(log, options.failOn).reason;
  const style = statusStyle(status, palette);
  rows.push(['Status', `${style ? style(status) : status} (${safe(reason)})`]);
  if (log.detailTotalRows !== undefined) rows.push(['Details', `${plural(log.detailTotalRows, 'row')}${options.detailNote ? ` ${options.detailNote}` : ''}`]);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${palette.bold(`${label}:`)}${' '.repeat(width - label.length - 1)}${value}\n`).join('');
}
