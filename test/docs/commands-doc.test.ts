// docs/commands.md is the CLI's own help, generated (scripts/generate-commands-doc.mjs): this fails when a flag or a
// command changed and the reference was not made again. Needs the build (`npm test` builds first).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

function check(file?: string): Promise<{ code: number; stderr: string }> {
  const args = [path.join(REPO_ROOT, 'scripts/generate-commands-doc.mjs'), '--check', ...(file ? [file] : [])];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: REPO_ROOT, timeout: 60_000 }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }));
  });
}

describe('docs/commands.md', () => {
  it('is what the CLI prints for --help, command by command', async () => {
    const result = await check();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 60_000);

  it('the check fails for a reference that lost a flag', async () => {
    const committed = readFileSync(path.join(REPO_ROOT, 'docs/commands.md'), 'utf8');
    expect(committed).toContain('--stall-timeout');
    const stale = path.join(mkdtempSync(path.join(tmpdir(), 'ips-jobs-doc-')), 'commands.md');
    writeFileSync(stale, committed.replace(/^.*--stall-timeout.*\n/m, ''));
    const result = await check(stale);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/out of date/);
  }, 60_000);
});
