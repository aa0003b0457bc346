// Command-line values, already parsed by the CLI; the config layer never reads process.argv.

import { ConfigError } from './errors.js';

export interface ConfigFlags {
  profile?: string;
  username?: string;
  passwordFile?: string;
  passwordStdin?: boolean;
  company?: string;
  region?: string;
  staging?: boolean;
  endpoint?: string;
  /** --strict: refuse what is otherwise a warning (a password file or config file readable by others). */
  strict?: boolean;
}

// `--username ""` is a mistake (often an unset shell variable), not a request to fall back to the next source.
export function readFlag(name: string, value: string | undefined): string | undefined {
  if (value === '') {
    throw new ConfigError(`${name} needs a value, got an empty string`, { source: { kind: 'flag', name } });
  }
  return value;
}
