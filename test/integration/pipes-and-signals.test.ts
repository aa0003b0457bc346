// A reader that goes away (`ips-jobs list | head -1`) ends the run quietly with exit 0, however much was left
// to write; SIGTERM on a terminal, during a redraw or a request, leaves the cursor shown and exits 143.
import { execFile, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import { BIN, REPO_ROOT, cleanEnv, until } from '../helpers/cli.js';

let crowded: Emulator;
let few: Emulator;
let quiet: Emulator;

beforeAll(async () => {
  // 2,000 active jobs: megabytes of ndjson, far more than a pipe holds.
  crowded = await startEmulator({ speed: 0, jobs: 2_000 });
  // A few active jobs: output to write, where how much does not matter.
  few = await startEmulator({ speed: 0, jobs: 5 });
  quiet = await startEmulator({ speed: 0, jobs: 0 });
}, 60_000);

afterAll(async () => {
  await Promise.all([crowded?.close(), few?.close(), quiet?.close()]);
});

function env(emulator: Emulator): Record<string, string> {
  return cleanEnv({
    IPS_JOBS_ENDPOINT: emulator.url,
    IPS_JOBS_USERNAME: DEMO_CREDENTIALS.username,
    IPS_JOBS_PASSWORD: DEMO_CREDENTIALS.password,
    IPS_JOBS_COMPANY: DEMO_CREDENTIALS.companyHandle,
  });
}

/**
 * Runs the CLI, reads stdout up to its first line, then closes the reading end as `head -1` does. `afterClose` runs
 * then at once, and every 100 ms until the CLI ends (a writer only learns that its reader left when it next writes).
 */
function readFirstLineThenClose(args: string[], emulator: Emulator, afterClose?: () => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; first: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: env(emulator), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    let ticker: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n') && !child.stdout.destroyed) {
        child.stdout.destroy();
        if (afterClose) {
          afterClose();
          ticker = setInterval(afterClose, 100);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(ticker);
      resolve({ code, signal, first: out.split('\n')[0] ?? '', stderr });
    });
  });
}

describe('a reader that goes away', () => {
  it('list -o ndjson of 2,000 jobs into a reader that closes after the first line: exit 0, nothing on stderr', async () => {
    const result = await readFirstLineThenClose(['list', '-o', 'ndjson'], crowded);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.first).jobHandle).toMatch(/^j\|1001\|/);
  });

  it.each([['table'], ['csv'], ['json']])('list -o %s | head -1 in a shell: exit 0, no EPIPE trace', async (format) => {
    const script = '"$0" "$1" list -o "$2" | head -1; exit "${PIPESTATUS[0]}"';
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('bash', ['-c', script, process.execPath, BIN, format], { env: env(crowded), timeout: 30_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it.each([['lines', []], ['ndjson', ['-o', 'ndjson']]])('watch (%s) whose reader closes after the first event: exit 0 at the next event, nothing on stderr', async (_name, flags) => {
    // The jobs move on, so watch has more events to write after its reader has gone: once for each poll it makes, as
    // moving 2,000 jobs on is work for this process, and done every 100 ms it held up the emulator's answers.
    let advancedAt = -1;
    const moveOnOncePerPoll = () => {
      const polls = crowded.stats.byOperation.getActiveJobs ?? 0;
      if (polls === advancedAt) return;
      advancedAt = polls;
      crowded.clock.advance(30_000);
    };
    const result = await readFirstLineThenClose(['watch', '--interval', '50ms', ...flags], crowded, moveOnOncePerPoll);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.first).toMatch(/added/);
  });
});

/** Runs the CLI with its stdout on /dev/full, where every write fails with ENOSPC as on a full disk. */
function intoFullDevice(args: string[], emulator: Emulator): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const full = openSync('/dev/full', 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: env(emulator), stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

// Output that cannot be written (a full disk, /dev/full) is this machine's setup, not a job that failed (1) nor a bug
// (70): one line on stderr naming it, no stack trace, exit 78 — at once, even for watch, which would write on for ever.
describe('standard output that cannot be written', () => {
  it.each([
    ['list', ['list']],
    ['list -o json', ['list', '-o', 'json']],
    ['watch', ['watch', '--interval', '50ms']],
  ])('%s into a full disk: exit 78, one line', async (_name, args) => {
    // The first write fails: a few jobs' output is as good as 2,000 jobs', and much less to ask for.
    const result = await intoFullDevice(args, few);
    expect(result.signal).toBeNull();
    expect(result.stderr).toBe('ips-jobs: cannot write standard output: no space left on the device: free some, or send it elsewhere\n');
    expect(result.code).toBe(78);
  });
});

/** watch in a pseudo-terminal; resolves with the screen bytes and the exit code once it ends. */
function watchOnTerminal(jobHandle: string, emulator: Emulator) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-pty-'));
  const pidFile = path.join(dir, 'pid');
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  // The shell writes its pid, then becomes the CLI (exec): the pid we signal is the CLI's.
  const command = `stty cols 120 rows 30; echo $$ > ${quote(pidFile)}; exec ${quote(process.execPath)} ${quote(BIN)} watch --interval 50ms ${quote(jobHandle)}`;
  const child = execFile('script', ['-qec', command, '/dev/null'], { env: { ...env(emulator), TERM: 'xterm-256color' }, timeout: 30_000 });
  let screen = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    screen: () => screen,
    exited,
    pid: () => Number(readFileSync(pidFile, 'utf8').trim()),
  };
}

describe('SIGTERM on a terminal', () => {
  it('during the live view: the last frame stays, the cursor is shown again, exit 143', async () => {
    const job = quiet.ips.addJob({ originalName: 'Signal-Redraw', type: 'ImageServingPublish', waitMs: 0, durationMs: 3_600_000, files: 20 });
    const run = watchOnTerminal(job.jobHandle, quiet);
    await until(() => run.screen().includes('Signal-Redraw') && run.screen().includes('\u001b[?25l'), 15_000, 'the first frame');
    process.kill(run.pid(), 'SIGTERM');
    expect(await run.exited).toBe(143);
    const screen = run.screen();
    expect(screen.lastIndexOf('\u001b[?25h')).toBeGreaterThan(screen.lastIndexOf('\u001b[?25l'));
    expect(screen).not.toMatch(/^\s+at /m);
  });

  it('during a request that hangs: the cursor is shown again, exit 143, promptly', async () => {
    const job = quiet.ips.addJob({ originalName: 'Signal-Hang', type: 'ImageServingPublish', waitMs: 0, durationMs: 3_600_000, files: 20 });
    const before = quiet.stats.byOperation.getActiveJobs ?? 0;
    // Counted from here: the first poll draws the table, every later one hangs.
    quiet.faults.set('getActiveJobs#2-:hang');
    try {
      const run = watchOnTerminal(job.jobHandle, quiet);
      await until(() => (quiet.stats.byOperation.getActiveJobs ?? 0) >= before + 2 && run.screen().includes('Signal-Hang'), 15_000, 'a hanging poll');
      const started = Date.now();
      process.kill(run.pid(), 'SIGTERM');
      expect(await run.exited).toBe(143);
      // The default 30 s request deadline is not waited for: the signal aborts the request.
      expect(Date.now() - started).toBeLessThan(10_000);
      const screen = run.screen();
      expect(screen.lastIndexOf('\u001b[?25h')).toBeGreaterThan(screen.lastIndexOf('\u001b[?25l'));
    } finally {
      quiet.faults.clear();
    }
  });
});
