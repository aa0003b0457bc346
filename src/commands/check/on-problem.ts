// --on-problem: the user's command, run once per reported problem. Job data travels only in environment
// variables, never inside the command line, so a job name full of shell syntax stays plain text.
//
// A hook runs for at most --on-problem-timeout: a hook that hangs (a webhook that never answers) must not hold
// a cron run, and the next ones behind it, for ever. It runs in a process group of its own, so that on timeout
// SIGTERM reaches everything it started (curl under sh, say), and SIGKILL follows if that is not enough.
import { spawn } from 'node:child_process';
import { formatDuration } from '../../text/duration.js';

export interface ProblemEvent {
  event: 'problem' | 'realert' | 'resolved';
  rule: string;
  jobHandle?: string;
  jobName?: string;
  message: string;
}

export interface HookLimits {
  /** --on-problem-timeout: SIGTERM to the hook's process group after this long. */
  timeoutMs: number;
  /** How long a hook has to end after SIGTERM before SIGKILL. */
  killGraceMs?: number;
  /** The run's abort signal (SIGINT/SIGTERM to ips-jobs): the hook is ended the same way, at once. */
  signal?: AbortSignal;
}

const HOOK_KILL_GRACE_MS = 5_000;

/** Signals a whole process group; one that is gone already is no error. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: everything in it has ended.
  }
}

/** Runs `command` with sh for one event; resolves with a failure description, or undefined when it exited 0. */
export function runOnProblem(
  command: string,
  event: ProblemEvent,
  env: Record<string, string | undefined>,
  stderr: NodeJS.WritableStream,
  limits: HookLimits,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    if (limits.signal?.aborted) return resolve(undefined);
    const child = spawn('/bin/sh', ['-c', command], {
      env: {
        ...env,
        IPS_JOBS_EVENT: event.event,
        IPS_JOBS_RULE: event.rule,
        IPS_JOBS_JOB_HANDLE: event.jobHandle ?? '',
        IPS_JOBS_JOB_NAME: event.jobName ?? '',
        IPS_JOBS_MESSAGE: event.message,
      },
      // Its output is for the operator, not for our stdout's readers.
      stdio: ['ignore', 'pipe', 'pipe'],
      // A process group of its own (its pid is the group's id), so the whole of it can be ended at once.
      detached: true,
    });
    const pid = child.pid;
    child.stdout.on('data', (chunk: Buffer) => stderr.write(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.write(chunk));

    let timedOut = false;
    let killed: NodeJS.Signals | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const terminate = () => {
      if (pid === undefined || killed) return;
      killed = 'SIGTERM';
      signalGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => {
        killed = 'SIGKILL';
        signalGroup(pid, 'SIGKILL');
      }, limits.killGraceMs ?? HOOK_KILL_GRACE_MS);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      terminate();
    }, limits.timeoutMs);
    limits.signal?.addEventListener('abort', terminate);
    // ips-jobs leaving without waiting (a second Ctrl-C, a closed stdout): its group would live on without us.
    const onExit = () => pid !== undefined && signalGroup(pid, 'SIGKILL');
    process.on('exit', onExit);

    let settled = false;
    const finish = (failure: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      limits.signal?.removeEventListener('abort', terminate);
      process.off('exit', onExit);
      // Whatever it left behind in its group (a background job holding no pipe) goes with it.
      if (killed && pid !== undefined) signalGroup(pid, 'SIGKILL');
      resolve(failure);
    };
    child.on('error', (error) => finish(`could not start (${error.message})`));
    child.on('close', (code, signal) => {
      if (timedOut) {
        const how = killed === 'SIGKILL' ? `SIGKILL, ${formatDuration(limits.killGraceMs ?? HOOK_KILL_GRACE_MS)} after SIGTERM` : 'SIGTERM';
        return finish(`killed after the ${formatDuration(limits.timeoutMs)} --on-problem-timeout (${how})`);
      }
      if (killed) return finish(undefined); // our own run was interrupted: its exit code says so
      finish(code === 0 ? undefined : signal ? `killed by ${signal}` : `exited ${code}`);
    });
  });
}
