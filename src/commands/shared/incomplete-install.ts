// A part of the CLI that cannot be found (a build cut short, a damaged install) is not an IPS problem: it gets one
// line naming what is missing and how to repair it, with the exit code of a configuration problem (78).

/** The one-line message for an error that says a module of ours is missing; undefined for any other error. */
export function incompleteInstallMessage(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec((error as Error).message)?.[1];
  return `the installation is incomplete${missing ? ` (${missing} is missing)` : ''}: reinstall ips-jobs (in a checkout: npm ci, or npm run build)`;
}
