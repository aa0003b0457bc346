// How a followed job ended, as an exit code: a concern of the commands (`wait`, `watch --exit-status`), not of the
// domain logic in jobs/, which only says what the outcome was.
import { ExitCode } from '../../exit-codes.js';
import type { LogOutcome } from '../../jobs/outcome.js';

/** How a followed job ended, as the exit code of `wait` and of `watch --exit-status`. */
export function exitCodeForOutcome(outcome: LogOutcome | 'stalled' | 'vanished' | 'not_found'): number {
  switch (outcome) {
    case 'succeeded':
    case 'succeeded_with_warnings':
      return ExitCode.ok;
    case 'failed':
      return ExitCode.jobFailed;
    case 'stalled':
      return ExitCode.stalled;
    case 'vanished':
    case 'not_found':
      return ExitCode.notFound;
  }
}
