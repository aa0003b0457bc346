// An error nobody expected is a bug of ours, not a problem of IPS or of the network: exit 70 (sysexits' EX_SOFTWARE)
// and one line asking for a report. Imports nothing: start.ts uses it too, when main could not report an error.

/** The one line for an internal error: its first line, and what to do about it. */
export function internalErrorMessage(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '');
  return `internal error: ${message}. This is a bug of ips-jobs: please report it with the output of the same command run with --debug.`;
}

/**
 * A test hook (docs/development.md): with --debug and IPS_JOBS_TEST_INTERNAL_ERROR=1 a run fails at once with an
 * internal error, so the tests can see how one is reported through the built CLI. Without --debug it is never
 * looked at.
 */
export function throwTestInternalError(debug: boolean): void {
  if (debug && process.env.IPS_JOBS_TEST_INTERNAL_ERROR === '1') {
    throw new Error('IPS_JOBS_TEST_INTERNAL_ERROR is set (a test of how an internal error is reported)');
  }
}
