// Start-up cost, as a user sees it: `--version` and `--help` answer without loading soap, commander or any module
// of dist/, with the same text commander gives; other commands load their work only when they run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { packageVersion } from '../../src/cli/version.js';

/** Preloads that print every module the CLI loads (CommonJS and ES modules) on stderr, one per line: `loaded: …`. */
function moduleTracer(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-trace-'));
  const hooks = path.join(dir, 'hooks.mjs');
  writeFileSync(hooks, "export async function resolve(s, c, next) { const r = await next(s, c); process._rawDebug('loaded: ' + r.url); return r; }\n");
  const register = path.join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const cjs = path.join(dir, 'require.cjs');
  writeFileSync(
    cjs,
    "const Module = require('node:module'); const load = Module._load;\n" +
      "Module._load = function (request, parent, isMain) { try { process._rawDebug('loaded: ' + Module._resolveFilename(request, parent, isMain)); } catch {} return load.apply(this, arguments); };\n",
  );
  return `--require ${cjs} --import ${register}`;
}

async function loadedModules(args: string[]): Promise<{ stdout: string; modules: string[] }> {
  const result = await runCli(args, { env: { NODE_OPTIONS: moduleTracer() } });
  expect(result.code).toBe(0);
  const modules = result.stderr
    .split('\n')
    .filter((line) => line.startsWith('loaded: '))
    .map((line) => line.slice('loaded: '.length));
  return { stdout: result.stdout, modules };
}

describe('--version and --help', () => {
  it('--version and -V print the package version and load neither commander nor soap', async () => {
    for (const flag of ['--version', '-V']) {
      const { stdout, modules } = await loadedModules([flag]);
      expect(stdout).toBe(`${packageVersion()}\n`);
      expect(modules.some((url) => url.endsWith('/bin/ips-jobs.js'))).toBe(true);
      // Nothing of dist/ nor of node_modules: the bin answers from package.json alone.
      expect(modules.filter((url) => /\/(dist|node_modules)\//.test(url))).toEqual([]);
    }
  });

  it('--help in a pipe is exactly the help commander gives, without loading commander or soap', async () => {
    const viaCommander = await runCli(['help']);
    expect(viaCommander.code).toBe(0);
    expect(viaCommander.stdout).toContain('Usage: ips-jobs [options] [command]');
    for (const flag of ['--help', '-h']) {
      const { stdout, modules } = await loadedModules([flag]);
      expect(stdout).toBe(viaCommander.stdout);
      expect(modules.some((url) => url.endsWith('/bin/ips-jobs.js'))).toBe(true);
      expect(modules.filter((url) => /\/(dist|node_modules)\//.test(url))).toEqual([]);
    }
  });

  it("a command's --help loads its flags but not its work, the client or soap", async () => {
    const { stdout, modules } = await loadedModules(['list', '--help']);
    expect(stdout).toContain('Usage: ips-jobs list');
    expect(modules.some((url) => url.endsWith('/dist/cli/list.js'))).toBe(true);
    expect(modules.filter((url) => /node_modules\/soap\//.test(url))).toEqual([]);
    expect(modules.filter((url) => /dist\/cli\/[\w-]+-run\.js$|dist\/ips\/client\.js$|dist\/render\/jobs-table\.js$/.test(url))).toEqual([]);
  });
});
