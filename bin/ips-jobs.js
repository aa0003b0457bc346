#!/usr/bin/env node
// The ips-jobs command: the CLI bundles, started by dist/cli/start.cjs (src/cli/start.ts; scripts/build.mjs). `--version` and
// `--help` in a pipe are answered here, from package.json and the help the build wrote: loading the bundle's front
// (commander and every command's flags) measured 1.25-1.3x `node -e ''`, this 1.05x (docs/dependencies.md).
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);

/** The whole output for `--version`/`-V`, or `--help`/`-h` in a pipe (the help the build wrote); else undefined. */
function quickAnswer() {
  if (args.length !== 1) return undefined;
  const arg = args[0];
  if (arg === '--version' || arg === '-V') {
    return `${JSON.parse(readFileSync(path.join(__dirname, '../package.json'), 'utf8')).version}\n`;
  }
  // On a terminal commander lays the help out for its width; without the build's file it does so too.
  if ((arg === '--help' || arg === '-h') && !process.stdout.isTTY) {
    try {
      return readFileSync(path.join(__dirname, '../dist/cli/help.txt'), 'utf8');
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * A TAB (`__complete`, from the script of `ips-jobs completion`): commands, flags and the values the CLI knows are
 * answered from the table the build wrote, without loading the CLI (every TAB is a process start; docs/performance.md).
 * Undefined when the answer needs the CLI: live names (profiles, jobs), or no table.
 */
function completionAnswer() {
  if (args[0] !== '__complete') return undefined;
  try {
    const table = JSON.parse(readFileSync(path.join(__dirname, '../dist/cli/completion.json'), 'utf8'));
    return require('../dist/cli/complete.cjs').completeStatically(table, args.slice(1));
  } catch {
    return undefined;
  }
}

const quick = quickAnswer() ?? completionAnswer();
if (quick !== undefined) {
  process.stdout.on('error', () => process.exit(0)); // the reader left (`ips-jobs --help | head -1`)
  process.stdout.write(quick);
} else {
  // Stack traces under --debug name src/ files: the bundles' source maps, read only then.
  if (args.includes('--debug')) process.setSourceMapsEnabled(true);
  let start;
  try {
    ({ start } = require('../dist/cli/start.cjs'));
  } catch (error) {
    // A checkout that was never built, or a damaged install: one line and the repair, not a loader's stack (78).
    const built = require('node:fs').existsSync(path.join(__dirname, '../dist/cli/start.cjs'));
    process.stderr.write(
      built
        ? `ips-jobs: cannot start: ${String(error && error.message).split('\n')[0]}. The installation looks damaged: reinstall ips-jobs (in a checkout: npm ci).\n`
        : `ips-jobs: cannot start: the CLI is not built (${path.join(__dirname, '../dist/cli/start.cjs')} is missing). In a checkout run npm ci (or npm run build); otherwise reinstall ips-jobs.\n`,
    );
    if (args.includes('--debug') && error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(78);
  }
  start(args);
}
