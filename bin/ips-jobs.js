#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Everything is closed by now; should a stray handle linger, it must not keep a cron job alive.
setTimeout(() => process.exit(code), 1000).unref();
