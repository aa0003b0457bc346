// Under --debug the stack a failed run prints names our source files, not the bundles in dist/: the bin turns Node's
// source maps on when --debug is given (bin/ips-jobs.js), and each bundle has its map (scripts/build.mjs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-codes.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

/** The `file:line:column` of each stack frame that names a file under src/, the file relative to the repository. */
function srcFrames(stderr: string): { file: string; line: number; column: number }[] {
  return [...stderr.matchAll(/^\s+at .*?\(?(\/\S+?):(\d+):(\d+)\)?$/gm)]
    .map((match) => ({ file: path.relative(REPO_ROOT, match[1]!), line: Number(match[2]), column: Number(match[3]) }))
    .filter((frame) => frame.file.startsWith('src/'));
}

function sourceLine(file: string, line: number): string {
  return readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n')[line - 1] ?? '';
}

describe('stack traces under --debug', () => {
  it('an error thrown in a command’s work (no credentials) shows src/ files and lines, through both bundles', async () => {
    const result = await runCli(['list', '--debug']);
    expect(result.code).toBe(ExitCode.config);
    expect(result.stderr).toMatch(/^MissingCredentialsError: no username/m);
    const frames = srcFrames(result.stderr);
    // The throw itself, at its line in src/config/credentials.ts (work.cjs)…
    const thrown = frames[0];
    expect(thrown?.file).toBe('src/config/credentials.ts');
    expect(sourceLine(thrown!.file, thrown!.line)).toContain('throw new MissingCredentialsError');
    // …and the run's start in src/commands/main.ts (main.cjs).
    expect(frames.map((frame) => frame.file)).toContain('src/commands/main.ts');
    expect(result.stderr).not.toMatch(/dist\/cli\//);
  });

  it('a usage error thrown in the front (a bad flag value) is mapped too', async () => {
    const result = await runCli(['list', '--request-timeout', 'soon', '--debug']);
    expect(result.code).toBe(ExitCode.usage);
    const main = srcFrames(result.stderr).find((frame) => frame.file === 'src/commands/main.ts');
    expect(main).toBeDefined();
    expect(sourceLine(main!.file, main!.line)).toContain('parseAsync');
    expect(result.stderr).not.toMatch(/dist\/cli\//);
  });

  it('without --debug no stack is printed', async () => {
    const result = await runCli(['list']);
    expect(result.code).toBe(ExitCode.config);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
