// What one row of a job's log details is about, read from its log type (and those of its aux messages).
import type { JobLogDetail } from '../ips/types.js';

export type DetailSeverity = 'error' | 'warning' | 'info';

// `UploadError`, `PublishToCmError`, `GetFailure`, `FatalError`, aux `IPSJobLog.gcUploadError`, …
const ERROR_TYPE = /error|failure|fatal/i;
const WARNING_TYPE = /warning/i;

function logTypes(detail: JobLogDetail): string[] {
  return [detail.logType ?? '', ...detail.auxArray.map((aux) => aux.logType ?? '')];
}

/** `--errors`: the row's log type, or one of its aux messages' types, holds Error, Failure or Fatal. */
export function isErrorDetail(detail: JobLogDetail): boolean {
  return logTypes(detail).some((type) => ERROR_TYPE.test(type));
}

export function detailSeverity(detail: JobLogDetail): DetailSeverity {
  if (isErrorDetail(detail)) return 'error';
  return logTypes(detail).some((type) => WARNING_TYPE.test(type)) ? 'warning' : 'info';
}
