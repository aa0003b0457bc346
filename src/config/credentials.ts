// Commands that talk to IPS need credentials; when some are missing, say exactly what to set, all in one line.

import { joinList } from '../text/list.js';
import { MissingCredentialsError, type CredentialName } from './errors.js';
import type { CompanySpec } from './company.js';
import type { Settings } from './settings.js';

export interface Credentials {
  username: string;
  password: string;
  company?: CompanySpec;
}

/** Where each credential can come from: the environment, a flag, a key of a profile. */
const SOURCES: Record<CredentialName, { env: string; flag: string; key: string }> = {
  username: { env: 'IPS_JOBS_USERNAME', flag: '--username', key: '"username"' },
  password: { env: 'IPS_JOBS_PASSWORD (or IPS_JOBS_PASSWORD_FILE)', flag: '--password-file (or --password-stdin)', key: '"password" (or "passwordFile")' },
  company: { env: 'IPS_JOBS_COMPANY', flag: '--company', key: '"company"' },
};

function missingCredentials(settings: Settings, needsCompany: boolean): CredentialName[] {
  const missing: CredentialName[] = [];
  if (settings.username === undefined) missing.push('username');
  if (settings.password === undefined) missing.push('password');
  if (needsCompany && settings.company === undefined) missing.push('company');
  return missing;
}

/** One line, however much is missing: what, and each way to set it. */
function missingMessage(settings: Settings, missing: readonly CredentialName[]): string {
  const path = settings.configPathShown;
  const sources = missing.map((what) => SOURCES[what]);
  const where = settings.profile ? `profile "${settings.profile.value}" in ${path}` : `a profile in ${path}`;
  // Without a selected profile, adding keys to one does nothing until it is selected.
  const select = settings.profile ? '' : ' and select it with --profile, IPS_JOBS_PROFILE or "defaultProfile"';
  return (
    `no ${joinList(missing, 'or')}: set ${joinList(sources.map((s) => s.env))}, pass ${joinList(sources.map((s) => s.flag))}, ` +
    `or add ${joinList(sources.map((s) => s.key))} to ${where}${select}`
  );
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
