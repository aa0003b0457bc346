// Typed errors of the config layer. Nothing here prints or exits: the CLI turns `source.kind` into an exit code
// (a bad flag → 2, anything else → 78).

import type { SettingSource } from './setting.js';

/** A setting is missing, malformed or unreadable. `source` says who gave the bad value, when one did. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  source?: SettingSource;
  constructor(message: string, options?: { source?: SettingSource; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.source = options?.source;
  }
}

export type CredentialName = 'username' | 'password' | 'company';

/** A command needs credentials that no source gave; `missing` lists them in the order the message does. */
export class MissingCredentialsError extends ConfigError {
  override name = 'MissingCredentialsError';
  constructor(
    readonly missing: readonly CredentialName[],
    message: string,
  ) {
    super(message);
  }
}
