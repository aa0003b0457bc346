// Start-up cost, as a user sees it. `--version` and `--help` answer without loading the CLI or any package, with the
// same text commander gives. Every other run loads dist/cli/start.cjs and the CLI's front (commander and the flags of
// the command named); a command's work, the client and the renderers load only when it runs, compiled from the code
// cache the build wrote; node-soap and the emulator only with --demo and `ips-jobs emulator`. The CLI is bundled (scripts/build.mjs), so what a run loads is read at two levels: the files
// Node loads, and the source modules those files were bundled from (their source maps).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { demoEnv } from '../helpers/demo-env.js';
import { packageVersion } from '../../src/commands/shared/version.js';

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

interface Loaded {
  stdout: string;
  /** Every module Node loaded: file paths (file: URLs made paths) and builtins (`node:fs`). */
  modules: string[];
  /** The files of dist/ among them, relative to the repository (`dist/cli/main.cjs`). */
  distFiles: string[];
  /** The source modules those files were bundled from, relative to the repository (`src/commands/list/command.ts`, `node_modules/…`). */
  sources: string[];
}

/** The sources a built file was bundled from, as its source map names them. */
function bundledSources(distFile: string): string[] {
  const file = path.join(REPO_ROOT, distFile);
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
  return map.sources.map((source) => path.relative(REPO_ROOT, path.resolve(path.dirname(file), source)).split(path.sep).join('/'));
}

async function loadedModules(args: string[], env: Record<string, string> = {}): Promise<Loaded> {
  const result = await runCli(args, { env: { ...env, NODE_OPTIONS: moduleTracer() } });
  expect(result.code, result.stderr).toBe(0);
  const modules = result.stderr
    .split('\n')
    .filter((line) => line.startsWith('loaded: '))
    .map((line) => line.slice('loaded: '.length))
    .map((url) => (url.startsWith('file:') ? fileURLToPath(url) : url));
  const distFiles = [
    ...new Set(
      modules
        .filter((file) => path.isAbsolute(file))
        .map((file) => path.relative(REPO_ROOT, file).split(path.sep).join('/'))
        .filter((file) => file.startsWith('dist/') && /\.c?js$/.test(file)),
    ),
  ];
  return { stdout: result.stdout, modules, distFiles, sources: [...new Set(distFiles.flatMap(bundledSources))] };
}

const SOAP = /(^|\/)node_modules\/soap\//;
const EMULATOR = /^src\/emulator\//;

describe('--version and --help', () => {
  it('--version and -V print the package version and load nothing of dist/ nor any package', async () => {
    for (const flag of ['--version', '-V']) {
      const { stdout, modules } = await loadedModules([flag]);
      expect(stdout).toBe(`${packageVersion()}\n`);
      expect(modules.some((file) => file.endsWith('/bin/ips-jobs.js'))).toBe(true);
      // The bin answers from package.json alone.
      expect(modules.filter((file) => /\/(dist|node_modules)\//.test(file))).toEqual([]);
    }
  });

  it('--help in a pipe is exactly the help commander gives, loading nothing of dist/ nor any package', async () => {
    const viaCommander = await runCli(['help']);
    expect(viaCommander.code).toBe(0);
    expect(viaCommander.stdout).toContain('Usage: ips-jobs [options] [command]');
    for (const flag of ['--help', '-h']) {
      const { stdout, modules } = await loadedModules([flag]);
      expect(stdout).toBe(viaCommander.stdout);
      expect(modules.some((file) => file.endsWith('/bin/ips-jobs.js'))).toBe(true);
      expect(modules.filter((file) => /\/(dist|node_modules)\//.test(file))).toEqual([]);
    }
  });

  it("a command's --help loads its flags but not its work, the client, soap or the emulator", async () => {
    const { stdout, modules, distFiles, sources } = await loadedModules(['list', '--help']);
    expect(stdout).toContain('Usage: ips-jobs list');
    expect(distFiles).toEqual(['dist/cli/start.cjs', 'dist/cli/main.cjs']);
    expect(sources).toContain('src/commands/list/command.ts');
    expect(sources).toContain('node_modules/commander/lib/command.js');
    expect(sources.filter((source) => SOAP.test(source) || EMULATOR.test(source))).toEqual([]);
    expect(sources.filter((source) => /^src\/cli\/[\w-]+-run\.ts$|^src\/ips\/client\.ts$|^src\/render\/jobs-table\.ts$/.test(source))).toEqual([]);
    // Everything is bundled: no package is loaded from node_modules.
    expect(modules.filter((file) => file.includes('/node_modules/'))).toEqual([]);
  });
});

describe('a command that runs', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ speed: 0, seed: 1, jobs: 4 });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('list loads its work and the client, but neither soap nor the emulator', async () => {
    const { stdout, modules, distFiles, sources } = await loadedModules(['list', '-o', 'json'], demoEnv(emulator));
    expect(Array.isArray(JSON.parse(stdout).jobs)).toBe(true);
    expect(distFiles).toEqual(['dist/cli/start.cjs', 'dist/cli/main.cjs', 'dist/cli/work.cjs']);
    expect(sources).toContain('src/commands/list/run.ts');
    expect(sources).toContain('src/ips/client.ts');
    expect(sources.filter((source) => SOAP.test(source))).toEqual([]);
    expect(sources.filter((source) => EMULATOR.test(source))).toEqual([]);
    expect(modules.filter((file) => file.includes('/node_modules/'))).toEqual([]);
  });

  it('list --demo loads the emulator, with node-soap in it (what the other tests look for is there to be seen)', async () => {
    const { distFiles, sources } = await loadedModules(['list', '--demo', '-o', 'json']);
    expect(distFiles).toContain('dist/emulator/index.js');
    expect(sources.some((source) => SOAP.test(source))).toBe(true);
    expect(sources).toContain('src/emulator/index.ts');
  });

  /** The bundles compiled with a code cache in a run, and whether V8 took it: `dist/cli/work.cjs taken`. */
  async function codeCacheUse(args: string[], env: Record<string, string> = {}): Promise<string[]> {
    const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-cache-trace-'));
    const tracer = path.join(dir, 'vm-script.cjs');
    writeFileSync(
      tracer,
      "const vm = require('node:vm'); const Script = vm.Script;\n" +
        'vm.Script = class extends Script { constructor(code, options) { super(code, options); ' +
        "if (options && options.filename) process._rawDebug('compiled: ' + options.filename + ' ' + (options.cachedData === undefined ? 'without' : this.cachedDataRejected ? 'refused' : 'taken')); } };\n",
    );
    const result = await runCli(args, { env: { ...env, NODE_OPTIONS: `--require ${tracer}` } });
    return result.stderr
      .split('\n')
      .filter((line) => line.startsWith('compiled: '))
      .map((line) => path.relative(REPO_ROOT, line.slice('compiled: '.length)));
  }

  it('a run compiles both bundles from the code cache the build wrote, and V8 takes it', async () => {
    expect(await codeCacheUse(['list', '-o', 'json'], demoEnv(emulator))).toEqual(['dist/cli/main.cjs taken', 'dist/cli/work.cjs taken']);
  });

  it('under --debug (source maps) and with --demo (an ES module to import) Node compiles the bundles itself', async () => {
    expect(await codeCacheUse(['list', '--debug', '-o', 'json'], demoEnv(emulator))).toEqual([]);
    expect(await codeCacheUse(['list', '--demo', '-o', 'json'])).toEqual([]);
  });
});
