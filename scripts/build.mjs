// Compiles src/ to dist/ and copies the assets the compiled code loads at run time (our WSDL).
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { stdio: 'inherit' });
cpSync('src/ips/wsdl', 'dist/ips/wsdl', { recursive: true });
