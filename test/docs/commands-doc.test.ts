// docs/commands.md (the CLI's own help) and man/ips-jobs.1 (the man page) are generated from the CLI's definitions
// (scripts/generate-commands-doc.mjs): this fails when a flag or a command changed and they were not made again.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

function check(...args: string[]): Promise<{ code: number; stderr: string }> {
  const script = path.join(REPO_ROOT, 'scripts/generate-commands-doc.mjs');
  return new Promise((resolve) => {
    execFile(process.execPath, [script, '--check', ...args], { cwd: REPO_ROOT, timeout: 60_000 }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

/** The committed file with the lines that mention --stall-timeout taken out: a reference that lost a flag. */
function withoutStallTimeout(file: string, name: string): string {
  const committed = readFileSync(path.join(REPO_ROOT, file), 'utf8');
  const text = committed.replace(/^.*stall(?:\\-|-)timeout.*\n/gm, '');
  expect(committed.length - text.length).toBeGreaterThan(0);
  const stale = path.join(mkdtempSync(path.join(tmpdir(), 'ips-jobs-doc-')), name);
  writeFileSync(stale, text);
  return stale;
}

describe('the generated command reference', () => {
  it('docs/commands.md and man/ips-jobs.1 are what the CLI defines', async () => {
    const result = await check();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 60_000);

  it('the check fails for each file that lost a flag, and names it', async () => {
    const commandsDoc = withoutStallTimeout('docs/commands.md', 'commands.md');
    const manPage = withoutStallTimeout('man/ips-jobs.1', 'ips-jobs.1');
    const result = await check('--commands-doc', commandsDoc, '--man-page', manPage);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.relative(REPO_ROOT, commandsDoc)} is out of date`);
    expect(result.stderr).toContain(`${path.relative(REPO_ROOT, manPage)} is out of date`);
  }, 60_000);
});
