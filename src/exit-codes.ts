// The exit codes users and scripts rely on. One table, used by every command and by `help exit-codes`.

export const ExitCode = {
  ok: 0,
  jobFailed: 1,
  usage: 2,
  problemsFound: 3,
  auth: 4,
  service: 5,
  stalled: 6,
  notFound: 7,
  /** sysexits' EX_SOFTWARE: a bug of ips-jobs. */
  internal: 70,
  /** sysexits' EX_TEMPFAIL: nothing is wrong, try again later (another check holds the state file's lock, another process the port to listen on). */
  tempFail: 75,
  /** sysexits' EX_CONFIG: the configuration, or this machine's setup (an address it cannot listen on, output it cannot write). */
  config: 78,
  timeout: 124,
  sigint: 130,
  sigterm: 143,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_TABLE: ReadonlyArray<{ code: ExitCodeValue; meaning: string }> = [
  { code: 0, meaning: 'ok' },
  { code: 1, meaning: 'a job failed' },
  { code: 2, meaning: 'usage error: a bad flag or value, an unknown option, an ambiguous job name' },
  { code: 3, meaning: 'a check found problems' },
  { code: 4, meaning: 'authentication or authorisation refused' },
  { code: 5, meaning: 'service, network or protocol error (including request timeouts)' },
  { code: 6, meaning: 'job stalled' },
  { code: 7, meaning: 'job not found' },
  { code: 70, meaning: 'internal error: a bug of ips-jobs (please report it with the --debug output)' },
  { code: 75, meaning: 'temporary: try again later (another check holds the state file lock; another process listens on the port)' },
  {
    code: 78,
    meaning: "configuration missing or invalid, or this machine's setup (an address it cannot listen on, output it cannot write); also an incomplete installation (a checkout not built: npm ci)",
  },
  { code: 124, meaning: '--timeout reached' },
  { code: 130, meaning: 'interrupted (SIGINT)' },
  { code: 143, meaning: 'terminated (SIGTERM)' },
];

// When several outcomes happen at once, the worst wins: the first of this list. An internal error first: nothing else
// the run found can be trusted. A temporary condition (75) means nothing was checked, as a failing service (5) does,
// but it is expected to pass by itself: below 5, above any job's outcome.
const SEVERITY: readonly number[] = [70, 4, 78, 5, 75, 1, 6, 7, 3, 0];

/** The ranking in words, as `help exit-codes` and the README say it: `4 > 78 > … > 0`. */
export const EXIT_CODE_PRECEDENCE = SEVERITY.join(' > ');

/** The worst of several exit codes; codes outside the ranking (2, 124, 130, 143) end a run on their own and win. */
export function worstExitCode(codes: Iterable<number>): number {
  let worst: number = ExitCode.ok;
  for (const code of codes) {
    const rank = SEVERITY.indexOf(code);
    const worstRank = SEVERITY.indexOf(worst);
    if (rank === -1) return code;
    if (worstRank !== -1 && rank < worstRank) worst = code;
  }
  return worst;
}
