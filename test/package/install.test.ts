// The package as a user gets it: `npm pack` of this checkout, installed with `npm install -g` into a prefix of its own,
// offline (the package has no dependencies, so nothing is fetched), and its bin run from another directory. What is
// bundled is in dist/, the emulator and node-soap included, with their licences in one file (scripts/build.mjs).
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, cleanEnv, runMain } from '../helpers/cli.js';

/** The installed tree's limits (issue 24): it was 84 packages and 17 MB (22 MB on disk) with its dependencies. */
const MAX_BYTES = 8_000_000;
const MAX_PACKAGES = 5;

/**
 * Packages a bundle may still name without shipping them: optional ones their importer tries in a `try` and does
 * without. `kerberos` is proxy-agent-negotiate's optional peer (Negotiate proxy authentication, a native module the
 * user installs if they need it); `supports-color` is what `debug` (under https-proxy-agent and node-soap) tries for
 * colours.
 */
const OPTIONAL_PACKAGES = new Set(['kerberos', 'supports-color']);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(file: string, args: string[], options: { cwd: string; env: Record<string, string> }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { ...options, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Every file under `dir` (links not followed), with its size. */
function files(dir: string): { file: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(file);
    return [{ file, bytes: lstatSync(file).size }];
  });
}

/** The directory of the package a path inside some node_modules belongs to (`…/node_modules/@scope/name`), or undefined. */
function packageDir(file: string): string | undefined {
  const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
  return match?.[1];
}

let root: string;
let prefix: string;
let installed: string;
let elsewhere: string;
let install: Run;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ips-jobs-package-'));
  prefix = path.join(root, 'prefix');
  elsewhere = path.join(root, 'elsewhere');
  mkdirSync(elsewhere);
  // npm with a HOME and cache of its own: no user configuration, nothing in the machine's cache to lean on.
  const npmEnv = cleanEnv({ npm_config_cache: path.join(root, 'npm-cache'), npm_config_update_notifier: 'false' });
  // --ignore-scripts: dist/ is what `npm test` built before vitest; `prepare` would build it again.
  const pack = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], { cwd: REPO_ROOT, env: npmEnv });
  expect(pack, pack.stderr).toMatchObject({ code: 0 });
  const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
  install = await exec('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(root, filename)], {
    cwd: elsewhere,
    env: npmEnv,
  });
  installed = path.join(prefix, 'lib/node_modules/ips-jobs');
}, 60_000);

/** `ips-jobs …` as a shell finds it after the install: the prefix's bin/ first on PATH. */
function runInstalled(args: string[]): Promise<Run> {
  return exec('ips-jobs', args, { cwd: elsewhere, env: cleanEnv({ PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` }) });
}

describe('npm install -g of the packed tarball', () => {
  it('installs offline: the package has no dependencies to fetch', () => {
    expect(install, install.stderr).toMatchObject({ code: 0 });
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.optionalDependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
  });

  it('stays within 8 MB and 5 packages', () => {
    const all = files(prefix);
    const bytes = all.reduce((sum, { bytes }) => sum + bytes, 0);
    // A package is a package.json at the top of a directory of node_modules (ips-jobs itself included); the
    // package.json files packages keep in subfolders (`{"type": "module"}`) are not packages.
    const packages = all.filter(({ file }) => /\/node_modules\/(?:@[^/]+\/)?[^/@]+\/package\.json$/.test(file)).map(({ file }) => path.dirname(file));
    expect(packages).toContain(installed);
    expect(packages.length, packages.join('\n')).toBeLessThanOrEqual(MAX_PACKAGES);
    expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
  });

  it('runs from another directory: --version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await runInstalled(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('runs from another directory: list --demo lists the demo jobs as the checkout does (the emulator is bundled)', async () => {
    const [fromInstall, fromCheckout] = await Promise.all([runInstalled(['list', '--demo']), runMain(['list', '--demo'], { env: {} })]);
    // The demo's clock starts at the real now, so two runs a second apart differ in the `… ago` columns and in the
    // time stamp IPS appends to each name: the rows are compared by name without its stamp, and type (the seed's).
    const unstamped = (name: string) => name.replace(/-\d{4}-\d\d-\d\d-\d\d:\d\d:\d\d$/, '');
    const rows = (stdout: string) =>
      stdout.trimEnd().split('\n').map((line) => line.split(/\s+/).slice(0, 2).map(unstamped).join(' '));
    expect(fromCheckout.code).toBe(0);
    expect(rows(fromCheckout.stdout)).toHaveLength(11);
    expect(fromInstall).toMatchObject({ code: 0, stderr: '' });
    expect(rows(fromInstall.stdout)).toEqual(rows(fromCheckout.stdout));
    expect(rows(fromInstall.stdout)[0]).toBe('NAME TYPE');
  });

  it('the library export loads on its own', async () => {
    const script = `import(${JSON.stringify(path.join(installed, 'dist/index.js'))}).then((m) => console.log(Object.keys(m).sort().join(' ')))`;
    const result = await exec(process.execPath, ['-e', script], { cwd: elsewhere, env: cleanEnv() });
    expect(result.stderr).toBe('');
    expect(result.stdout.split(' ')).toEqual(expect.arrayContaining(['createIpsClient', 'ExitCode', 'EXIT_CODE_TABLE']));
  });

  it('no file of it needs a package that is not there, but for optional ones tried in a try', () => {
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const named = new Map<string, string[]>();
    for (const { file } of files(installed)) {
      if (!/\.(c|m)?js$/.test(file)) continue;
      const code = readFileSync(file, 'utf8');
      // `require("x")` (`__require` in an ES module bundle), `import("x")`, and the `import … from "x"` and
      // `import "x"` statements of an ES module, which esbuild writes at the start of a line.
      const calls = /\b(?:require|__require|import)\(\s*["']([^"'./][^"']*)["']\s*\)|^(?:import|export)\b[^'"\n]*?["']([^"'./][^"']*)["'];?$/gm;
      for (const match of code.matchAll(calls)) {
        const specifier = String(match[1] ?? match[2]);
        if (builtins.has(specifier) || OPTIONAL_PACKAGES.has(specifier)) continue;
        named.set(specifier, [...(named.get(specifier) ?? []), path.relative(installed, file)]);
      }
    }
    expect(Object.fromEntries(named)).toEqual({});
  });

  it('the library declarations are all there: each file dist/index.d.ts reaches, naming no package but Node', () => {
    const missing: string[] = [];
    const packages = new Set<string>();
    const visit = (file: string, seen: Set<string>): void => {
      if (seen.has(file)) return;
      seen.add(file);
      if (!existsSync(file)) {
        missing.push(path.relative(installed, file));
        return;
      }
      for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g)) {
        if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.d.ts')), seen);
        else packages.add(specifier);
      }
    };
    const seen = new Set<string>();
    visit(path.join(installed, 'dist/index.d.ts'), seen);
    expect(missing).toEqual([]);
    expect([...packages].filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
    // The types name what the library exports (a check that the walk read something).
    expect([...seen].map((file) => path.relative(installed, file))).toEqual(expect.arrayContaining(['dist/ips/client.d.ts', 'dist/exit-codes.d.ts']));
  });

  it('ships the licence of every package bundled in it, with its version', () => {
    // One section a package: `name@version`, `License: …` (its package.json's), `Text: …` (where the text comes
    // from), a blank line, the text; sections apart by a line of `=`.
    const sections = readFileSync(path.join(installed, 'dist/THIRD-PARTY-LICENSES.txt'), 'utf8').split(`\n\n${'='.repeat(80)}\n\n`);
    const byHeading = new Map(sections.map((section) => [section.split('\n', 1)[0], section]));
    // What is bundled, read from the installed files' source maps (independent of the build's metafile). The maps
    // name the sources as they were in the checkout that built the package, relative to the map.
    const bundled = new Map<string, { name: string; version: string; license: string }>();
    for (const { file } of files(path.join(installed, 'dist'))) {
      if (!file.endsWith('.js.map') && !file.endsWith('.cjs.map')) continue;
      const built = path.join(REPO_ROOT, path.relative(installed, path.dirname(file)));
      const { sources } = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[] };
      for (const source of sources) {
        const dir = packageDir(path.resolve(built, source));
        if (dir === undefined || bundled.has(dir)) continue;
        const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string | { type: string } };
        const license = typeof manifest.license === 'object' ? manifest.license.type : (manifest.license ?? '(none)');
        bundled.set(dir, { name: manifest.name, version: manifest.version, license });
      }
    }
    // The packages the issue names, as a check on the reading of the source maps itself.
    expect([...bundled.values()].map(({ name }) => name)).toEqual(expect.arrayContaining(['commander', 'chalk', 'ora', 'prom-client', 'soap', 'https-proxy-agent', 'proper-lockfile', 'string-width']));
    for (const [dir, { name, version, license }] of bundled) {
      const heading = `${name}@${version}`;
      const section = byHeading.get(heading);
      expect(section, `${heading} is not in THIRD-PARTY-LICENSES.txt`).toBeDefined();
      const [, licenseLine, , blank, ...text] = (section ?? '').split('\n');
      expect([licenseLine, blank], heading).toEqual([`License: ${license}`, '']);
      // Its licence files, each whole; a package without one, a text the build found for it (its README's section).
      const own = readdirSync(dir).filter((entry) => /^(licen[cs]e|copying|notice)/i.test(entry));
      for (const entry of own) expect(section, `${heading}: ${entry}`).toContain(readFileSync(path.join(dir, entry), 'utf8').trim());
      expect(text.join('\n'), `${heading} has no licence text`).toMatch(/licen[cs]e|permission/i);
    }
  });

  it('man finds the page it installs: man -w ips-jobs with the prefix\'s bin on PATH and no MANPATH', async () => {
    // man-db looks for man/ beside each bin/ of PATH; npm links the page (package.json `man`) into <prefix>/share/man.
    const result = await exec('man', ['-w', 'ips-jobs'], {
      cwd: elsewhere,
      env: cleanEnv({ PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`, MANPATH: undefined }),
    });
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(realpathSync(result.stdout.trim())).toBe(realpathSync(path.join(installed, 'man/ips-jobs.1')));
  });

  it('completion bash prints the script from the installed bin, which answers a TAB from its own table', async () => {
    const script = await runInstalled(['completion', 'bash']);
    expect(script).toMatchObject({ code: 0, stderr: '' });
    expect(script.stdout).toMatch(/complete .*ips-jobs/);
    const tab = await runInstalled(['__complete', 'bash', 'ips-jobs li']);
    expect(tab).toMatchObject({ code: 0, stderr: '' });
    expect(tab.stdout.split('\n')).toEqual(expect.arrayContaining(['list']));
  });
});
