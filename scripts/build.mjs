// Builds dist/: tsc checks the types and writes the declarations; esbuild writes every .js (docs/dependencies.md).
//
//   dist/cli/main.cjs        the CLI's front: src/commands/main.ts with commander, the program and every command's flags.
//                            All that `--version`, `--help` and a usage error need, and what bin/ips-jobs.js loads.
//   dist/cli/work.cjs        what the front imports dynamically (each command's work, the client, config, render),
//                            required when a command runs. The modules it shares with the front (commander,
//                            UsageError, …) are the front's own instances, taken from main.cjs: one class, one state.
//   dist/cli/ora.cjs         the spinner, required only when one is shown.
//   dist/cli/prom-client.cjs the metrics library, required only by `ips-jobs exporter`.
//   dist/cli/start.cjs       what bin/ips-jobs.js requires: the two bundles above with V8's code cache, then main.
//   dist/cli/*.v8-cache      that cache, written by a run of the CLI at the end of the build (src/commands/start.ts).
//   dist/cli/help.txt        the help `--help` prints in a pipe, which bin/ips-jobs.js answers itself.
//   dist/emulator/index.js   the emulator with node-soap (ES module): `--demo`, `ips-jobs emulator`, the benchmark.
//   dist/ips/{endpoints,namespaces}.js  constants for the benchmark's server (bench/serve.mjs).
//   dist/exporter/index.js   the exporter engine (ES module), for the benchmark (bench/exporter-child.mjs); not packed.
//   dist/index.js            the library export (src/index.ts, its packages bundled), with the dist/**/*.d.ts it reaches.
//   dist/THIRD-PARTY-LICENSES.txt  every package bundled in a file of the package: its version, licence and its text.
//   dist/ips/wsdl/           our WSDL, where the bundles' `new URL(…, import.meta.url)` find it (assetUrls below).
//
// Every runtime package is bundled, so the package has no dependencies: `npm install -g` installs ips-jobs alone
// (docs/dependencies.md, "Why everything is bundled").
//
// CommonJS for the CLI because it measured faster than ES modules with splitting: Node's ES module loader costs more
// than it saves. Every .js has a source map; bin/ips-jobs.js turns them on under --debug.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
const CLI = path.join(DIST, 'cli');
const require = createRequire(import.meta.url);

const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  // Unminified: minifying measured no faster (V8 pre-parses either quickly) and keeps the bundles readable.
  minify: false,
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  // Names as in the source (`__name(…)` calls): commander's errors take theirs from their class, which would be
  // `CommanderError2` in a bundle. Off for work.cjs and ora.cjs, where nothing reads a function's name: on everywhere,
  // they measured 1.03x the time of a `list`.
  keepNames: true,
  logLevel: 'warning',
  metafile: true,
};

// In a CommonJS bundle `import.meta.url` is the bundle's own URL.
const CJS = {
  ...COMMON,
  format: 'cjs',
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "var __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
};

// An ES module bundle holding CommonJS packages (node-soap's) gives them a require of their own.
const ESM = {
  ...COMMON,
  format: 'esm',
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
};

const rel = (file) => path.relative(ROOT, file).split(path.sep).join('/');

/**
 * `new URL('<relative path>', import.meta.url)` in src/ names a file relative to its source file. In a bundle it is
 * relative to the bundle (in `outDir`): rewritten so it names the same file, a file of src/ being its copy in dist/
 * (copied below), any other (package.json) itself. The files named are checked to exist after the build.
 */
function assetUrls(outDir, named) {
  return {
    name: 'asset-urls',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url') || !args.path.startsWith(SRC + path.sep)) return undefined;
        const contents = source.replace(/new URL\((['"])(\.\.?\/[^'"]+)\1, import\.meta\.url\)/g, (_, quote, relative) => {
          const target = path.resolve(path.dirname(args.path), relative);
          const copy = target.startsWith(SRC + path.sep) ? path.join(DIST, path.relative(SRC, target)) : target;
          named.add(copy);
          let fromBundle = path.relative(outDir, copy).split(path.sep).join('/');
          if (!fromBundle.startsWith('.')) fromBundle = `./${fromBundle}`;
          return `new URL(${quote}${fromBundle}${quote}, import.meta.url)`;
        });
        return { contents, loader: 'ts' };
      });
    },
  };
}

/** `import()` of these is left to a file of its own: emulator (ES module, node-soap in it) and spinner (CommonJS). */
const OWN_FILES = new Map([
  [path.join(SRC, 'emulator/index.ts'), { file: '../emulator/index.js', require: false }],
  [require.resolve('ora'), { file: './ora.cjs', require: true }],
]);

/** Packages the work modules import statically but that only one command needs: a file of their own, required when that command's modules first run. */
const PACKAGE_FILES = new Map([[require.resolve('prom-client'), './prom-client.cjs']]);

/**
 * Resolves module requests as esbuild would, then lets `route` decide: a module of another file of ours becomes
 * `module.exports = require(<that file>)…` (a `require`, which Node resolves once and caches, so both files hold
 * one instance), or an `import()` left as it is (the emulator, an ES module).
 */
function router(route) {
  return {
    name: 'router',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.routed || args.namespace === 'routed') return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { routed: true },
        });
        if (resolved.errors.length > 0 || resolved.external) return undefined;
        const own = OWN_FILES.get(resolved.path);
        if (own && args.kind === 'dynamic-import') {
          return own.require
            ? { path: own.file, namespace: 'routed', pluginData: { contents: `module.exports = require(${JSON.stringify(own.file)});` } }
            : { path: own.file, external: true };
        }
        const contents = route(resolved.path, args.kind);
        // (The name ends in .cjs so that esbuild reads the few lines as the CommonJS they are.)
        return contents === undefined ? undefined : { path: `${rel(resolved.path)}.routed.cjs`, namespace: 'routed', pluginData: { contents } };
      });
      build.onLoad({ filter: /.*/, namespace: 'routed' }, (args) => ({ contents: args.pluginData.contents, loader: 'js', resolveDir: CLI }));
      // The files a routed module requires are ours, beside the bundle.
      build.onResolve({ filter: /^\.\.?\//, namespace: 'routed' }, (args) => ({ path: args.path, external: true }));
    },
  };
}

/** A module written here: the entry of a bundle that only gathers others. */
const virtualEntry = (contents) => ({ contents, resolveDir: ROOT, sourcefile: '(entry)', loader: 'js' });

async function buildCli(named) {
  const main = path.join(SRC, 'commands/main.ts');
  // 1. The front's modules: src/commands/main.ts and what it imports statically.
  const dynamicTargets = new Set();
  const probe = await esbuild.build({
    ...CJS,
    entryPoints: [main],
    write: false,
    outdir: CLI,
    sourcemap: false,
    plugins: [
      router((file, kind) => {
        if (kind !== 'dynamic-import') return undefined;
        dynamicTargets.add(file);
        return '';
      }),
    ],
  });
  const front = new Set(Object.keys(probe.metafile.inputs).filter((input) => !input.startsWith('routed:')).map((input) => path.resolve(ROOT, input)));
  const work = [...dynamicTargets].filter((file) => !front.has(file) && !OWN_FILES.has(file)).sort();
  const key = (file) => rel(file);

  // 2. work.cjs: every module the front imports dynamically, by its path; the front's modules come from main.cjs.
  const shared = new Set();
  const workResult = await esbuild.build({
    ...CJS,
    // Each module's body runs when the front first asks for it (a getter and a require, which esbuild makes a lazy
    // init): a `list` does not run the module code of watch, check and the rest.
    stdin: virtualEntry(work.map((file, i) => `Object.defineProperty(exports, 'm${i}', { enumerable: true, get: () => require(${JSON.stringify(file)}) });`).join('\n')),
    outfile: path.join(CLI, 'work.cjs'),
    keepNames: false,
    plugins: [
      assetUrls(CLI, named),
      router((file) => {
        const own = PACKAGE_FILES.get(file);
        if (own) return `module.exports = require(${JSON.stringify(own)});`;
        if (!front.has(file)) return undefined;
        shared.add(file);
        return `module.exports = require('./main.cjs').__front[${JSON.stringify(key(file))}];`;
      }),
    ],
  });

  // 3. main.cjs: main(), the modules work.cjs shares, and a dynamic import of a work module required from work.cjs.
  const sharedList = [...shared].sort();
  const frontResult = await esbuild.build({
    ...CJS,
    stdin: virtualEntry(
      [
        `export { main } from ${JSON.stringify(main)};`,
        ...sharedList.map((file, i) => `import * as s${i} from ${JSON.stringify(file)};`),
        `export const __front = { ${sharedList.map((file, i) => `${JSON.stringify(key(file))}: s${i}`).join(', ')} };`,
      ].join('\n'),
    ),
    outfile: path.join(CLI, 'main.cjs'),
    plugins: [
      assetUrls(CLI, named),
      router((file, kind) => {
        const index = work.indexOf(file);
        if (kind !== 'dynamic-import' || index < 0) return undefined;
        return `module.exports = require('./work.cjs').m${index};`;
      }),
    ],
  });

  // 4. ora.cjs: the spinner, an ES module package made CommonJS. Its module.exports is ora's default export (with the
  // named ones on it), as `import()` of CommonJS from an ES module gives module.exports as the default.
  const oraResult = await esbuild.build({
    ...CJS,
    keepNames: false,
    stdin: virtualEntry("const ora = require('ora');\nmodule.exports = Object.assign(ora.default, ora);\n"),
    outfile: path.join(CLI, 'ora.cjs'),
  });
  // 5. prom-client.cjs: the metrics library of `ips-jobs exporter` (with its dependencies), apart from work.cjs, which
  // every command loads and which it would make 290 KB larger.
  const promClientResult = await esbuild.build({ ...CJS, keepNames: false, stdin: virtualEntry("module.exports = require('prom-client');\n"), outfile: path.join(CLI, 'prom-client.cjs') });
  // 6. start.cjs: what bin/ips-jobs.js requires: main.cjs and work.cjs with their code cache (written below), then main.
  const startResult = await esbuild.build({ ...CJS, keepNames: false, entryPoints: [path.join(SRC, 'commands/start.ts')], outfile: path.join(CLI, 'start.cjs') });
  // 7. complete.cjs: shell completion's reasoning alone (a few KB), which bin/ips-jobs.js runs on a TAB with the table
  // written below, without loading the CLI.
  const completeResult = await esbuild.build({ ...CJS, keepNames: false, entryPoints: [path.join(SRC, 'commands/completion/engine.ts')], outfile: path.join(CLI, 'complete.cjs') });
  return { front: frontResult, work: workResult, ora: oraResult, promClient: promClientResult, start: startResult, complete: completeResult };
}

async function buildEmulator(named) {
  // The emulator, and two constant modules the benchmark's server imports. The chunks (those constants, the parts of
  // node-soap's packages it imports lazily) go beside the emulator, so its `import.meta.url` is the same in them.
  return esbuild.build({
    ...ESM,
    entryPoints: { 'emulator/index': 'src/emulator/index.ts', 'ips/endpoints': 'src/ips/endpoints.ts', 'ips/namespaces': 'src/ips/namespaces.ts' },
    outdir: DIST,
    splitting: true,
    chunkNames: 'emulator/[name]-[hash]',
    plugins: [assetUrls(path.join(DIST, 'emulator'), named)],
  });
}

/** The library export, with the packages it uses bundled (https-proxy-agent and its CommonJS `debug`): the package has no dependencies. */
async function buildLibrary(named) {
  return esbuild.build({ ...ESM, entryPoints: ['src/index.ts'], outfile: path.join(DIST, 'index.js'), plugins: [assetUrls(DIST, named)] });
}

/**
 * The exporter's engine as an ES module, for the benchmark's figure 6 (bench/exporter-child.mjs); its packages stay
 * external, found in the checkout's node_modules. Not in the package (package.json `files`).
 */
async function buildExporterEngine() {
  return esbuild.build({ ...ESM, banner: {}, entryPoints: ['src/exporter/index.ts'], outfile: path.join(DIST, 'exporter/index.js'), packages: 'external' });
}

/**
 * Packages without a licence file or a licence section in their README, and where their text comes from instead.
 * proxy-agent-negotiate (MIT, by Nathan Rajlich) ships no text; https-proxy-agent, its sibling in the same repository
 * (TooTallNate/proxy-agents) by the same author under the same licence, ships it.
 */
const LICENCE_TEXT_FROM = new Map([['proxy-agent-negotiate', { package: 'https-proxy-agent', why: 'its sibling in TooTallNate/proxy-agents, same author and licence' }]]);

const RULE = '='.repeat(80);

/** A package.json's licence: the SPDX string, or the older `{ type }` and `licenses: [{ type }]` forms. */
function licenceOf(manifest) {
  const { license, licenses } = manifest;
  if (typeof license === 'string') return license;
  if (license && typeof license.type === 'string') return license.type;
  if (Array.isArray(licenses)) return licenses.map((entry) => entry.type).join(' OR ');
  return undefined;
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)([.-][\w.-]*)?$/i;

/** The licence text of the package in `dir`: its licence files, or the License section of its README. */
function licenceText(dir) {
  const files = readdirSync(dir).filter((entry) => LICENCE_FILE.test(entry)).sort();
  if (files.length > 0) return { from: files.join(', '), text: files.map((file) => readFileSync(path.join(dir, file), 'utf8').trim()).join('\n\n') };
  const readme = readdirSync(dir).find((entry) => /^readme(\.md)?$/i.test(entry));
  if (readme === undefined) return undefined;
  // A Markdown heading (`## License`) or an underlined one (`License` over `-------`), up to the next heading.
  const lines = readFileSync(path.join(dir, readme), 'utf8').split(/\r?\n/);
  const start = lines.findIndex((line, i) => /^#+\s*licen[cs]e\s*$/i.test(line) || (/^licen[cs]e\s*$/i.test(line) && /^[-=]{3,}\s*$/.test(lines[i + 1] ?? '')));
  if (start < 0) return undefined;
  const body = lines.slice(start + (lines[start].startsWith('#') ? 1 : 2));
  const end = body.findIndex((line, i) => /^#/.test(line) || /^\[[^\]]+\]:/.test(line) || /^[-=]{3,}\s*$/.test(body[i + 1] ?? ''));
  // (Some READMEs write `<` and `>` around an address as HTML entities.)
  const text = (end < 0 ? body : body.slice(0, end)).join('\n').trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return text === '' ? undefined : { from: `${readme}, its License section`, text };
}

/**
 * dist/THIRD-PARTY-LICENSES.txt: every package esbuild put into a file of the package (the metafiles' inputs), with
 * its version, its licence and the licence's text. A package whose text cannot be found fails the build.
 */
function writeLicences(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      // (Inputs of the `routed:` namespace are the few lines router() writes, not files.)
      const match = /^((?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match && !input.startsWith('routed:')) dirs.add(path.resolve(ROOT, match[1]));
    }
  }
  const packages = [...dirs].map((dir) => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    return { dir, name: manifest.name, version: manifest.version, licence: licenceOf(manifest) };
  });
  packages.sort((a, b) => (a.name === b.name ? a.version.localeCompare(b.version) : a.name < b.name ? -1 : 1));
  const missing = [];
  const sections = packages.map(({ dir, name, version, licence }) => {
    let found = licenceText(dir);
    const borrowed = LICENCE_TEXT_FROM.get(name);
    if (found === undefined && borrowed !== undefined) {
      // The package of that name at the top of node_modules: ours, pinned in package.json.
      const fromDir = path.join(ROOT, 'node_modules', borrowed.package);
      const other = licenceText(fromDir);
      const from = JSON.parse(readFileSync(path.join(fromDir, 'package.json'), 'utf8'));
      if (other) found = { from: `none of its own; ${borrowed.package}@${from.version}'s ${other.from} (${borrowed.why})`, text: other.text };
    }
    if (licence === undefined || found === undefined) missing.push(`${name}@${version} (${rel(dir)})`);
    return [`${name}@${version}`, `License: ${licence}`, `Text: ${found?.from}`, '', found?.text ?? ''].join('\n');
  });
  if (missing.length > 0) {
    throw new Error(`build: no licence text for ${missing.join(', ')}: name where it comes from in LICENCE_TEXT_FROM (scripts/build.mjs)`);
  }
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const head = [
    `Third-party software in ips-jobs ${version}`,
    '',
    `The files of dist/ bundle these ${packages.length} packages (scripts/build.mjs writes this list from what esbuild bundled).`,
    'For each: its name and version, its licence as its package.json states it, where the text below comes from, and the text.',
  ].join('\n');
  writeFileSync(path.join(DIST, 'THIRD-PARTY-LICENSES.txt'), `${[head, ...sections].join(`\n\n${RULE}\n\n`)}\n`);
}

/**
 * Keeps the declarations the library's types reach from dist/index.d.ts (11 files) and removes the other 201:
 * package.json `exports` lets nothing else be imported, and each file is one more for `npm install` to unpack
 * (the install took 0.77 s without them, 1.08 s with them; docs/performance.md, "Installing").
 */
function pruneDeclarations() {
  const reached = new Set();
  const visit = (file) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)['"](\.\.?\/[^'"]+)['"]/g)) {
      visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.d.ts')));
    }
  };
  visit(path.join(DIST, 'index.d.ts'));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.d.ts') && !reached.has(file)) rmSync(file);
    }
  };
  walk(DIST);
}

/** What the CLI bundles may import(): the emulator (its runs are compiled by Node) and a package https-proxy-agent tries. */
const CODE_CACHE_IMPORTS = new Set(['../emulator/index.js', 'kerberos']);

/** Runs `list` with the built CLI against the built emulator, asking it to write its code cache; its output is not wanted. */
async function writeCodeCache() {
  const { startEmulator, DEMO_CREDENTIALS } = await import(pathToFileURL(path.join(DIST, 'emulator/index.js')).href);
  const emulator = await startEmulator({ seed: 1 });
  const home = mkdtempSync(path.join(tmpdir(), 'ips-jobs-build-'));
  try {
    const script = "require('./dist/cli/start.cjs').start(['list', '-o', 'json'], { writeCodeCache: true })";
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CONFIG_HOME: home,
      IPS_JOBS_ENDPOINT: emulator.url,
      IPS_JOBS_USERNAME: DEMO_CREDENTIALS.username,
      IPS_JOBS_PASSWORD: DEMO_CREDENTIALS.password,
      IPS_JOBS_COMPANY: DEMO_CREDENTIALS.companyHandle,
    };
    await new Promise((resolve, reject) => {
      execFile(process.execPath, ['-e', script], { cwd: ROOT, env }, (error, _stdout, stderr) =>
        error ? reject(new Error(`build: the code-cache run failed: ${stderr || error.message}`)) : resolve(undefined),
      );
    });
  } finally {
    await emulator.close();
    rmSync(home, { recursive: true, force: true });
  }
}

rmSync(DIST, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--emitDeclarationOnly'], { cwd: ROOT, stdio: 'inherit' });
pruneDeclarations();
cpSync(path.join(SRC, 'ips/wsdl'), path.join(DIST, 'ips/wsdl'), { recursive: true });
const named = new Set();
const [cli, emulator, library] = await Promise.all([buildCli(named), buildEmulator(named), buildLibrary(named), buildExporterEngine()]);
for (const file of named) {
  if (!existsSync(file)) throw new Error(`build: a bundle names ${rel(file)} (new URL(…, import.meta.url)), which is not there`);
}
// The help `--help` prints in a pipe, written once so the bin answers it without loading the CLI (bin/ips-jobs.js).
writeFileSync(path.join(CLI, 'help.txt'), execFileSync(process.execPath, ['bin/ips-jobs.js', 'help'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } }));
// The completion table (src/commands/completion/table.ts), so the bin answers a TAB on a command or a flag without
// loading the CLI. Asked of the CLI before the file exists, so the CLI makes it from its own program.
const table = execFileSync(process.execPath, ['bin/ips-jobs.js', '__complete', 'table'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } });
JSON.parse(table); // a table that is not JSON fails the build, not a TAB
writeFileSync(path.join(CLI, 'completion.json'), table);
// The code cache of main.cjs and work.cjs (src/commands/start.ts): what V8 compiled of them in a `list` against the
// emulator, with the Node that builds, which is the Node that runs them after `npm install`. A script compiled with a
// cache cannot import() on Node 20, so the bundles may import() only what start.ts leaves to Node (the emulator).
for (const bundle of ['main.cjs', 'work.cjs']) {
  const imports = [...readFileSync(path.join(CLI, bundle), 'utf8').matchAll(/[^\w.$]import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const unexpected = imports.filter((specifier) => !CODE_CACHE_IMPORTS.has(specifier));
  if (unexpected.length > 0) {
    throw new Error(`build: dist/cli/${bundle} would import() ${unexpected.join(', ')}: use process.getBuiltinModule() or a require (src/commands/start.ts)`);
  }
}
await writeCodeCache();
// What each file holds, for looking into (`npx esbuild --analyze`-like; the startup test reads the source maps instead).
const metafiles = { front: cli.front.metafile, work: cli.work.metafile, ora: cli.ora.metafile, promClient: cli.promClient.metafile, start: cli.start.metafile, complete: cli.complete.metafile, emulator: emulator.metafile, library: library.metafile };
writeFileSync(path.join(DIST, 'meta.json'), JSON.stringify(metafiles));
// The exporter engine is left out: it is the benchmark's, not packed.
writeLicences(Object.values(metafiles));
