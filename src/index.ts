// Programmatic use: `import { createIpsClient } from 'ips-jobs'`.
export * from './ips/index.js';
export { ExitCode, EXIT_CODE_TABLE, worstExitCode } from './exit-codes.js';
