// main's `stop`: how a caller running main inside its own process (the tests' in-process runs) ends one run as
// SIGTERM ends a process, without a process-wide signal that would reach every other run.
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { main } from '../../src/commands/main.js';
import { pipedIO } from '../../src/commands/shared/io.js';
import { cleanEnv, startMain, until } from '../helpers/cli.js';

function capture() {
  const stdout = new PassThrough();
  let text = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return { stdout, text: () => text };
}

it('aborting stop ends a watch as SIGTERM does: exit 143, its listeners gone', async () => {
  const out = capture();
  const stop = new AbortController();
  const listeners = process.listenerCount('SIGTERM');
  const run = main(['watch', '--demo', '--interval', '1s', '-o', 'ndjson'], pipedIO({ stdout: out.stdout, stderr: new PassThrough(), stdin: new PassThrough() }, cleanEnv()), stop.signal);
  await until(() => out.text().includes('"event"'), 10_000, 'the first event');
  stop.abort();
  expect(await run).toBe(143);
  expect(process.listenerCount('SIGTERM')).toBe(listeners);
});

it('a stop aborted before the run starts ends it at once with 143', async () => {
  const stop = new AbortController();
  stop.abort();
  const out = capture();
  expect(await main(['watch', '--demo', '--interval', '1s'], pipedIO({ stdout: out.stdout, stderr: new PassThrough(), stdin: new PassThrough() }, cleanEnv()), stop.signal)).toBe(143);
});

it('an in-process run past its limit is stopped, not left polling into the next tests', async () => {
  const listeners = process.listenerCount('SIGTERM');
  const run = startMain(['watch', '--demo', '--interval', '1s', '-o', 'ndjson'], { killAfterMs: 1_500 });
  await expect(run.result).rejects.toThrow(/did not end within 1500 ms/);
  // main has returned: it removes its signal listeners as it does.
  expect(process.listenerCount('SIGTERM')).toBe(listeners);
});

it('refuses the internal-error hook, which only a process reads', () => {
  expect(() => startMain(['list', '--debug'], { env: { IPS_JOBS_TEST_INTERNAL_ERROR: '1' } })).toThrow(/only in a process/);
});
