// An --on-problem hook that outlives --on-problem-timeout, at the level that takes the SIGKILL grace as a parameter:
// a short grace shows SIGTERM, then SIGKILL, reaching the hook's whole process group without the 5 s the CLI gives.
// test/integration/check-lock.test.ts runs hooks through the CLI.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { runOnProblem, type ProblemEvent } from '../../../src/commands/check/on-problem.js';
import { alive, cleanEnv, until } from '../../helpers/cli.js';

const EVENT: ProblemEvent = { event: 'problem', rule: 'max-active', message: '2 active jobs (limit 1)' };

it('a hook that ignores SIGTERM is killed with SIGKILL after the grace, and so is what it started', async () => {
  const pids = path.join(mkdtempSync(path.join(tmpdir(), 'ips-jobs-hook-')), 'hook.pids');
  // Ignores SIGTERM (and so does its child, which inherits that) and waits for ever.
  const hook = `trap '' TERM; sleep 60 & echo "$$ $!" > ${JSON.stringify(pids)}.tmp; mv ${JSON.stringify(pids)}.tmp ${JSON.stringify(pids)}; wait`;
  const stderr = new PassThrough();
  const started = Date.now();
  const ended = runOnProblem(hook, EVENT, cleanEnv(), stderr, { timeoutMs: 300, killGraceMs: 200 });
  await until(() => existsSync(pids), 10_000, 'the hook to start');
  const [shell, child] = readFileSync(pids, 'utf8').trim().split(' ').map(Number) as [number, number];
  expect(await ended).toBe('killed after the 300ms --on-problem-timeout (SIGKILL, 200ms after SIGTERM)');
  // Not before the timeout and the grace (300 + 200 ms; timers count from the event loop's time, a little before
  // `started`): the SIGTERM alone did not end it.
  expect(Date.now() - started).toBeGreaterThanOrEqual(480);
  expect(alive(shell)).toBe(false);
  await until(() => !alive(child), 5_000, 'the hook’s child to be gone');
});
