// Runs the built CLI as a child process, as a user or a script would, with a clean environment.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pipedIO } from '../../src/commands/shared/io.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO_ROOT, 'bin/ips-jobs.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  /** Kill the child after this long (the test then fails on the code, never hangs). */
  killAfterMs?: number;
  /**
   * A session of its own, so the child has no controlling terminal even when the test runner has one: /dev/tty
   * cannot be opened, exactly as under cron or CI.
   */
  detached?: boolean;
}


/** A HOME and XDG_CONFIG_HOME of its own, so no real config file or credentials leak into a test. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const home = mkdtempSync(path.join(tmpdir(), 'ips-jobs-home-'));
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    LANG: 'C.UTF-8',
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * Gives the child its input and closes its stdin. A child that ends before reading it (a usage error, say) has
 * closed the pipe: EPIPE then only says so, and the run is judged by its exit code and output, not this write.
 */
function writeInput(stdin: Writable, input: string | undefined, onError: (error: Error) => void): void {
  stdin.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') onError(error);
  });
  stdin.end(input ?? '');
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: cleanEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: options.detached === true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    writeInput(child.stdin, options.input, reject);
  });
}

export interface RunningCli {
  result: Promise<CliResult>;
  stdout(): string;
  stderr(): string;
  exited(): boolean;
  kill(signal: NodeJS.Signals): void;
}

/** Starts the CLI and returns at once, so the test can drive the emulator's clock while it runs. */
export function startCli(args: string[], options: CliOptions = {}): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: cleanEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let done = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 15_000);
  let fail: (error: Error) => void = () => {};
  const result = new Promise<CliResult>((resolve, reject) => {
    fail = reject;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done = true;
      resolve({ code, signal, stdout, stderr });
    });
  });
  writeInput(child.stdin, options.input, (error) => fail(error));
  return { result, stdout: () => stdout, stderr: () => stderr, exited: () => done, kill: (signal) => child.kill(signal) };
}

/**
 * Resolves once `predicate` holds, checking every `everyMs` (20 ms unless told); fails after `timeoutMs`. A test in
 * lock-step with an in-process run checks more often: there the check's period, not the CLI, sets the pace.
 */
export async function until(predicate: () => boolean, timeoutMs = 10_000, what = 'condition', everyMs = 20): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Alive and not a zombie (a process whose parent died may wait a while for its reaping): for what a run started. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Runs the CLI's `main` in this process, with captured streams and the same clean environment `runCli` gives a child:
 * the same parsing, commands, output and exit code, without a process start (about 60 ms of CPU each) or the
 * bundle. Use it for what a command answers; keep `runCli` for what needs a process of its own: signals, a TTY,
 * stdin as a real pipe, the bundle and bin/ips-jobs.js, start-up, process.exit, file descriptors.
 */
export function runMain(args: string[], options: Omit<CliOptions, 'detached'> = {}): Promise<CliResult> {
  return startMain(args, options).result;
}

/** `runMain` that returns at once, so the test can drive the emulator's clock while it runs (no signals: see startCli). */
export function startMain(args: string[], options: Omit<CliOptions, 'detached'> = {}): RunningCli {
  // The internal-error hook reads the process's own environment (src/commands/shared/internal-error.ts): given here
  // it would be ignored, and the test would test nothing.
  if (options.env && 'IPS_JOBS_TEST_INTERNAL_ERROR' in options.env) throw new Error('IPS_JOBS_TEST_INTERNAL_ERROR works only in a process: use runCli');
  let stdout = '';
  let stderr = '';
  let done = false;
  const out = new PassThrough();
  const err = new PassThrough();
  out.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  err.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const stdin = new PassThrough();
  stdin.end(options.input ?? '');
  const io = pipedIO({ stdout: out, stderr: err, stdin }, cleanEnv(options.env));
  // main listens for SIGINT and SIGTERM while it runs, as a process would: many runs at once in this one process are
  // not the leak Node warns of past 10 listeners.
  process.setMaxListeners(process.getMaxListeners() + 1);
  // A run that outlives its limit is stopped, as SIGTERM stops a process: left running it would poll and write on
  // into the next test files of this worker (isolate: false), and a serving exporter would hold the worker open.
  const stop = new AbortController();
  const run = import('../../src/commands/main.js')
    .then(({ main }) => main(args, io, stop.signal))
    .finally(() => process.setMaxListeners(process.getMaxListeners() - 1));
  const limit = options.killAfterMs ?? 15_000;
  // Rejected once the stopped run has ended, so nothing of it is left when the test goes on.
  let overtime: Error | undefined;
  const timer = setTimeout(() => {
    overtime = new Error(`ips-jobs ${args.join(' ')} did not end within ${limit} ms`);
    stop.abort();
  }, limit);
  const result = run.then(
    async (code) => {
      clearTimeout(timer);
      // Whatever was written is read before the result is: PassThrough hands data on in a later tick.
      await new Promise<void>((resolve) => setImmediate(resolve));
      done = true;
      if (overtime) throw overtime;
      return { code, signal: null, stdout, stderr };
    },
    (error: unknown) => {
      clearTimeout(timer);
      done = true;
      throw overtime ?? error;
    },
  );
  return {
    result,
    stdout: () => stdout,
    stderr: () => stderr,
    exited: () => done,
    kill: () => {
      throw new Error('an in-process run takes no signals: use startCli for that');
    },
  };
}
