// promtool and prometheus, from Debian's `prometheus` package, for the tests of this folder. Without them a test is
// skipped, its name saying why; in CI (CI set) it runs and fails instead, saying so: .ci/run installs the package, so
// CI always checks the rules and a real Prometheus (as test/helpers/shared-files.ts does for ../shared).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const CI = Boolean(process.env['CI']) && !['false', '0'].includes(process.env['CI'] ?? '');

/** The executable `name` on PATH, or undefined. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export interface Tools {
  /** For it.skipIf: some are missing and this is not CI. */
  skip: boolean;
  /** What to add to the test's name: why it is skipped, or nothing. */
  note: string;
  /** First line of the test: in CI, fails clearly when some are missing. */
  require(): void;
}

export function tools(...names: string[]): Tools {
  const missing = names.filter((name) => onPath(name) === undefined);
  const absent = missing.join(' and ');
  const from = "Debian's prometheus package: apt-get install prometheus";
  return {
    skip: missing.length > 0 && !CI,
    note: missing.length > 0 && !CI ? ` [skipped: ${absent} not on PATH (${from})]` : '',
    require() {
      if (missing.length > 0) throw new Error(`CI requires ${absent} on PATH (${from}); .ci/run installs it when missing`);
    },
  };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end, `input` on its stdin; never rejects for an exit code (the test judges it). */
export function run(command: string, args: readonly string[], options: { input?: string; cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
