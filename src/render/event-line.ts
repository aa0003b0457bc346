// The non-TTY `watch` output: one tab-separated line per event, for logs, grep and awk.
import { sanitizeForTerminal } from './sanitize.js';

export interface EventLineInput {
  /** ISO timestamp of the event. */
  ts: string;
  /** Event name, e.g. `started`, `progress`, `finished`, `poll_failed`. */
  event: string;
  jobName?: string;
  jobHandle?: string;
  detail?: string;
}

/** Backslash doubled first, so `\t` written by sanitize can only mean a tab and the fields can be decoded back. */
function field(value: string | undefined): string {
  return value === undefined ? '' : sanitizeForTerminal(value.replace(/\\/g, '\\\\'));
}

/**
 * `ts<TAB>event<TAB>jobName<TAB>jobHandle<TAB>detail\n`: always exactly five fields (absent ones empty). Tabs,
 * newlines, escape codes and bidi controls in server text are written as `\t` `\n` `\x1b` `\u202e`, backslash as `\\`.
 */
export function eventLine(e: EventLineInput): string {
  return `${[e.ts, e.event, e.jobName, e.jobHandle, e.detail].map(field).join('\t')}\n`;
}
