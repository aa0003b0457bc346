// Commands that talk to IPS need credentials; when some are missing, say exactly what to set, all in one message.

import { MissingCredentialsError, type CredentialName } from './errors.js';
import type { CompanySpec } from './company.js';
import type { Settings } from './settings.js';

export interface Credentials {
  username: string;
  password: string;
  company?: CompanySpec;
}

function missingLine(what: CredentialName, where: string): string {
  switch (what) {
    case 'username':
      return `no username: set IPS_JOBS_USERNAME, pass --username, or add "username" to ${where}`;
    case 'password':
      return (
        'no password: set IPS_JOBS_PASSWORD or IPS_JOBS_PASSWORD_FILE, pass --password-file or --password-stdin, ' +
        `or add "password" or "passwordFile" to ${where}`
      );
    case 'company':
      return `no company: set IPS_JOBS_COMPANY, pass --company, or add "company" to ${where}`;
  }
}

function missingCredentials(settings: Settings, needsCompany: boolean): CredentialName[] {
  const missing: CredentialName[] = [];
  if (settings.username === undefined) missing.push('username');
  if (settings.password === undefined) missing.push('password');
  if (needsCompany && settings.company === undefined) missing.push('company');
  return missing;
}

function missingMessage(settings: Settings, missing: readonly CredentialName[]): string {
  const path = settings.configPathShown;
  const where = settings.profile ? `profile "${settings.profile.value}" in ${path}` : `a profile in ${path}`;
  const lines = missing.map((what) => missingLine(what, where));
  // Without a selected profile, adding keys to one does nothing until it is selected.
  if (!settings.profile) {
    lines.push(`(a profile is used when named by --profile, IPS_JOBS_PROFILE or "defaultProfile" in ${path})`);
  }
  return lines.join('\n');
}

export function requireCredentials(settings: Settings, opts: { needsCompany: boolean }): Credentials {
  const { username, password, company } = settings;
  const missing = missingCredentials(settings, opts.needsCompany);
  if (missing.length > 0 || username === undefined || password === undefined) {
    throw new MissingCredentialsError(missing, missingMessage(settings, missing));
  }
  return {
    username: username.value,
    password: password.value.reveal(),
    ...(company && { company: company.value }),
  };
}
