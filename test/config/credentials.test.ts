// Commands that call IPS need a username, a password and, for most, a company; a missing one says what to set.

import { describe, expect, it } from 'vitest';
import { MissingCredentialsError, requireCredentials, resolveSettings } from '../../src/config/index.js';
import { tempHome } from './temp-home.js';

const USERNAME_HELP = 'set IPS_JOBS_USERNAME, pass --username, or add "username" to';
const PASSWORD_HELP =
  'set IPS_JOBS_PASSWORD (or IPS_JOBS_PASSWORD_FILE), pass --password-file (or --password-stdin), ' +
  'or add "password" (or "passwordFile") to';
const SELECT = 'and select it with --profile, IPS_JOBS_PROFILE or "defaultProfile"';

function thrown(fn: () => unknown): MissingCredentialsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MissingCredentialsError);
    return error as MissingCredentialsError;
  }
  throw new Error('expected requireCredentials to throw');
}

describe('requireCredentials', () => {
  it('returns the plain credentials when everything is set', async () => {
    const t = await tempHome();
    const settings = await resolveSettings({
      flags: { company: 'c|1001' },
      env: { ...t.env, IPS_JOBS_USERNAME: 'demo@x', IPS_JOBS_PASSWORD: 'pw' },
    });
    expect(requireCredentials(settings, { needsCompany: true })).toEqual({
      username: 'demo@x',
      password: 'pw',
      company: { kind: 'handle', value: 'c|1001' },
    });
  });

  it('does not ask for a company when the command needs none', async () => {
    const t = await tempHome();
    const settings = await resolveSettings({
      flags: {},
      env: { ...t.env, IPS_JOBS_USERNAME: 'demo@x', IPS_JOBS_PASSWORD: 'pw' },
    });
    expect(requireCredentials(settings, { needsCompany: false })).toEqual({ username: 'demo@x', password: 'pw' });
  });

  it('lists everything missing in one line, and how to select a profile when none is', async () => {
    const t = await tempHome();
    const settings = await resolveSettings({ flags: {}, env: t.env });
    const error = thrown(() => requireCredentials(settings, { needsCompany: true }));
    expect(error.missing).toEqual(['username', 'password', 'company']);
    expect(error.source).toBeUndefined();
    expect(error.message).toBe(
      'no username, password or company: set IPS_JOBS_USERNAME, IPS_JOBS_PASSWORD (or IPS_JOBS_PASSWORD_FILE) and IPS_JOBS_COMPANY, ' +
        'pass --username, --password-file (or --password-stdin) and --company, ' +
        `or add "username", "password" (or "passwordFile") and "company" to a profile in ~/.config/ips-jobs/config.json ${SELECT}`,
    );
  });

  it('two missing: both named, joined by "or" and "and"', async () => {
    const t = await tempHome();
    const settings = await resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_PASSWORD: 'pw' } });
    const error = thrown(() => requireCredentials(settings, { needsCompany: true }));
    expect(error.message).toBe(
      'no username or company: set IPS_JOBS_USERNAME and IPS_JOBS_COMPANY, pass --username and --company, ' +
        `or add "username" and "company" to a profile in ~/.config/ips-jobs/config.json ${SELECT}`,
    );
  });

  it('names the selected profile when there is one', async () => {
    const t = await tempHome();
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: { username: 'demo@x' } } });
    const settings = await resolveSettings({ flags: {}, env: t.env });
    const error = thrown(() => requireCredentials(settings, { needsCompany: false }));
    expect(error.missing).toEqual(['password']);
    expect(error.message).toBe(`no password: ${PASSWORD_HELP} profile "prod" in ~/.config/ips-jobs/config.json`);
  });

  it('names the config file actually in use', async () => {
    const t = await tempHome();
    const settings = await resolveSettings({
      flags: {},
      env: { ...t.env, IPS_JOBS_PASSWORD: 'pw', IPS_JOBS_CONFIG: '/etc/ips-jobs.json' },
    });
    const error = thrown(() => requireCredentials(settings, { needsCompany: false }));
    expect(error.message).toBe(`no username: ${USERNAME_HELP} a profile in /etc/ips-jobs.json ${SELECT}`);
  });
});
