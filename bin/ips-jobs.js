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

const quick = quickAnswer();
if (quick !== undefined) {
  process.stdout.on('error', () => process.exit(0)); // the reader left (`ips-jobs --help | head -1`)
  process.stdout.write(quick);
} else {
  // Stack traces under --debug name src/ files: the bundles' source maps, read only then.
  if (args.includes('--debug')) process.setSourceMapsEnabled(true);
  require('../dist/cli/start.cjs').start(args);
}
