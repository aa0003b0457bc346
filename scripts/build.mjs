// Compiles src/ to dist/ and copies the assets the compiled code loads at run time (our WSDL).
import { execFileSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { stdio: 'inherit' });
cpSync('src/ips/wsdl', 'dist/ips/wsdl', { recursive: true });
// The help `--help` prints in a pipe, written once so the bin answers it without loading commander (bin/ips-jobs.js).
writeFileSync('dist/cli/help.txt', execFileSync(process.execPath, ['bin/ips-jobs.js', 'help'], { env: { PATH: process.env.PATH ?? '' } }));
