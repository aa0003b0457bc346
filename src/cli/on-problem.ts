// --on-problem: the user's command, run once per reported problem. Job data travels only in environment
// variables, never inside the command line, so a job name full of shell syntax stays plain text.
import { spawn } from 'node:child_process';

export interface ProblemEvent {
  event: 'problem' | 'realert' | 'resolved';
  rule: string;
  jobHandle?: string;
  jobName?: string;
  message: string;
}

/** Runs `command` with sh for one event; resolves with a failure description, or undefined when it exited 0. */
export function runOnProblem(
  command: string,
  event: ProblemEvent,
  env: Record<string, string | undefined>,
  stderr: NodeJS.WritableStream,
): Promise<string | undefined> {
  return new Promise((resolve) => {
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
    });
    child.stdout.on('data', (chunk: Buffer) => stderr.write(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.write(chunk));
    child.on('error', (error) => resolve(`could not start (${error.message})`));
    child.on('close', (code, signal) => resolve(code === 0 ? undefined : signal ? `killed by ${signal}` : `exited ${code}`));
  });
}
