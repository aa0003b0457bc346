// A checkout that was never built, or an install with a part missing, answers with one line naming what is missing
// and how to repair it, and exit 78 — never a module loader's stack trace.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { ExitCode } from '../../src/exit-codes.js';
import { REPO_ROOT, cleanEnv } from '../helpers/cli.js';
import { demoEnv } from '../helpers/demo-env.js';

/** A copy of the package's bin/ and package.json, and of dist/ without the files named. */
function install(withDist: boolean, without: string[] = []): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-install-'));
  cpSync(path.join(REPO_ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'package.json'), path.join(dir, 'package.json'));
  if (withDist) {
    cpSync(path.join(REPO_ROOT, 'dist'), path.join(dir, 'dist'), {
      recursive: true,
      filter: (source) => !without.includes(path.relative(path.join(REPO_ROOT, 'dist'), source)),
    });
  }
  return dir;
}

function run(dir: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(dir, 'bin/ips-jobs.js'), ...args], { env: cleanEnv(env), timeout: 15_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const dirs: string[] = [];
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, seed: 1, jobs: 2 });
});
afterAll(async () => {
  await emulator.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('an incomplete installation', () => {
  it('a checkout that was never built: one line naming the missing file and npm ci, exit 78', async () => {
    const dir = install(false);
    dirs.push(dir);
    const result = await run(dir, ['list']);
    expect(result.code).toBe(ExitCode.config);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^ips-jobs: cannot start: the CLI is not built \(.*dist\/cli\/start\.cjs is missing\)\. In a checkout run npm ci/);
    // Quick answers need no build.
    expect((await run(dir, ['--version'])).code).toBe(0);
  });

  it('a build without the command bundle: one line, exit 78, with or without the code cache in the way', async () => {
    for (const without of [['cli/work.cjs'], ['cli/work.cjs', 'cli/work.cjs.v8-cache', 'cli/main.cjs.v8-cache']]) {
      const dir = install(true, without);
      dirs.push(dir);
      const result = await run(dir, ['list'], demoEnv(emulator));
      expect(result.code).toBe(ExitCode.config);
      expect(result.stderr).toBe("ips-jobs: the installation is incomplete (./work.cjs is missing): reinstall ips-jobs (in a checkout: npm ci, or npm run build)\n");
    }
  });

  it('a damaged bundle: one line, exit 78, the stack only under --debug', async () => {
    const dir = install(true);
    dirs.push(dir);
    cpSync(path.join(REPO_ROOT, 'package.json'), path.join(dir, 'dist/cli/start.cjs')); // JSON where code should be
    const result = await run(dir, ['list']);
    expect(result.code).toBe(ExitCode.config);
    expect(result.stderr).toMatch(/^ips-jobs: cannot start: .*The installation looks damaged: reinstall ips-jobs \(in a checkout: npm ci\)\.\n$/);
    const debug = await run(dir, ['list', '--debug']);
    expect(debug.code).toBe(ExitCode.config);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });
});
