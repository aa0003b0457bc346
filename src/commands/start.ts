// How the built CLI starts (dist/cli/start.cjs, required by bin/ips-jobs.js): load the bundles with V8's code cache,
// run main, and leave as soon as the output is written.
//
// The code cache: compiling the two bundles (about 550 KB of JavaScript, the functions a run calls included) was
// about 12 ms of every `list` (npm run bench, figure 2). The build runs the CLI once and keeps what V8 compiled
// beside each bundle (`<bundle>.v8-cache`, scripts/build.mjs); a run hands it back to V8. V8 checks the cache against
// the source, its own version and its flags, and compiles as usual when it does not fit (another Node, a changed
// bundle, NODE_OPTIONS with V8 flags), so a stale or missing cache costs nothing but the check.
// Node 22 has this built in (module.enableCompileCache); Node 20, which we support, does not.
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { ExitCode } from '../exit-codes.js';
import { incompleteInstallMessage } from './shared/incomplete-install.js';
import { internalErrorMessage } from './shared/internal-error.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The bundles every command run loads. (The spinner's runs only on a terminal; the emulator is an ES module.) */
const CACHED = new Set(['main.cjs', 'work.cjs'].map((name) => path.join(HERE, name)));
const cacheFile = (bundle: string) => `${bundle}.v8-cache`;

interface CompilingModule {
  exports: unknown;
  _compile(content: string, filename: string): unknown;
}

/**
 * Compiles our bundles with their code cache from now on; returns a function that writes the cache of every bundle
 * loaded so far, with all V8 has compiled of it by then (the build calls it after a run).
 */
function useCodeCache(): () => void {
  const prototype = (Module as unknown as { prototype: CompilingModule }).prototype;
  const compile = prototype._compile;
  const scripts = new Map<string, vm.Script>();
  prototype._compile = function (this: CompilingModule, content: string, filename: string) {
    if (!CACHED.has(filename)) return compile.call(this, content, filename);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(cacheFile(filename));
    } catch {
      // None written (a build without it): compile as usual.
    }
    const script = new vm.Script((Module as unknown as { wrap(source: string): string }).wrap(content), {
      filename,
      ...(cachedData && { cachedData }),
    });
    scripts.set(filename, script);
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
  };
  return () => {
    for (const [filename, script] of scripts) writeFileSync(cacheFile(filename), script.createCachedData());
  };
}

/**
 * Whether this run compiles the bundles itself. Under --debug stack traces go through the bundles' source maps, which
 * Node reads only for modules it compiles. And a script compiled here cannot `import()` on Node 20 (that needs
 * --experimental-vm-modules): the runs that load the emulator, an ES module, are left to Node. No other import() is
 * in the bundles; the build checks it (scripts/build.mjs).
 */
function compiledByNode(argv: readonly string[]): boolean {
  return argv.includes('--debug') || argv.includes('--demo') || argv.includes('emulator');
}

/** Runs the CLI with `argv` and exits with its code. `writeCodeCache`: the build's run, which then writes the cache. */
export function start(argv: readonly string[], { writeCodeCache = false } = {}): void {
  const writeCache = compiledByNode(argv) ? undefined : useCodeCache();
  const { main } = createRequire(import.meta.url)('./main.cjs') as typeof import('./main.js');
  const exit = (code: number) => {
    process.exitCode = code;
    // Everything is closed by now. Leave once stdout and stderr are written out, not after V8 has finished its
    // background work (7-20 ms a run); and should a write never finish, a cron job must not wait on it.
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
    setTimeout(() => process.exit(code), 1000).unref();
  };
  main(argv).then(
    (code) => {
      if (writeCodeCache) writeCache?.();
      exit(code);
    },
    (error: unknown) => {
      // main reports every error itself; this is for one it could not report: its own reporting failed, as when
      // work.cjs (which holds it) is missing.
      const incomplete = incompleteInstallMessage(error);
      process.stderr.write(`ips-jobs: ${incomplete ?? internalErrorMessage(error)}\n`);
      if (argv.includes('--debug') && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      exit(incomplete ? ExitCode.config : ExitCode.internal);
    },
  );
}
