// The CLI's own definitions, loaded into this process for the generated references (docs/commands.md and the man
// page, scripts/generate-commands-doc.mjs): the commander program that src/commands/program.ts builds, with every
// command defined and its output captured, and the tables the man page shows beside it (exit codes, environment).
//
// esbuild bundles them from src/ in memory, as test/helpers/program.ts has vitest do: no build is needed, the
// references follow the source, and one walk of the program gives both files in about 0.4 s (starting the CLI once
// per command for its --help took 5 s). The commands' work (their run.ts, imported when a command runs) is left out.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const ENTRY = `
export { buildProgram } from './src/commands/program.ts';
export { createCommandContext } from './src/commands/shared/command-context.ts';
export { pipedIO } from './src/commands/shared/io.ts';
export { exitCodesText } from './src/commands/help/command.ts';
export { EXIT_CODE_PRECEDENCE, EXIT_CODE_TABLE } from './src/exit-codes.ts';
export { ENV } from './src/config/env.ts';
`;

async function importDefinitions() {
  const result = await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: '(definitions)', loader: 'js' },
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    write: false,
    logLevel: 'warning',
    // The module is imported from a data: URL, which has no require of its own for commander (CommonJS), and whose
    // import.meta.url names no file: the one module that reads it, src/commands/shared/version.ts, looks for
    // package.json above it, so it is given a URL in src/.
    banner: { js: `import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(${JSON.stringify(pathToFileURL(path.join(ROOT, 'package.json')).href)});` },
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(ROOT, 'src/commands/shared/version.ts')).href) },
    plugins: [
      {
        name: 'definitions-only',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
        },
      },
    ],
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

/**
 * The program with every command, as `ips-jobs --help` builds it, with what it prints in a pipe (100 columns):
 * `helpText(command)` is what `ips-jobs <command> --help` prints, `afterHelpText(command)` the part of it that the
 * command adds after its options (notes, examples), and the tables of exit codes and environment variables.
 */
export async function loadCliDefinitions() {
  const definitions = await importDefinitions();
  let captured = '';
  const io = definitions.pipedIO(
    { stdout: { write: (text) => ((captured += text), true) }, stderr: { write: (text) => process.stderr.write(text) }, stdin: undefined },
    {},
  );
  const program = definitions.buildProgram(definitions.createCommandContext(io, new AbortController().signal));
  return {
    program,
    helpText(command) {
      captured = '';
      command.outputHelp();
      return captured;
    },
    afterHelpText(command) {
      let text = '';
      command.emit('afterHelp', { error: false, command, write: (chunk) => (text += chunk) });
      return text;
    },
    exitCodesText: definitions.exitCodesText(),
    exitCodes: definitions.EXIT_CODE_TABLE,
    exitCodePrecedence: definitions.EXIT_CODE_PRECEDENCE,
    environment: Object.values(definitions.ENV),
    packageJson: createRequire(import.meta.url)('../package.json'),
  };
}
