// Each setting: a flag beats the environment, which beats the profile, which beats the default.

import { describe, expect, it } from 'vitest';
import { resolveSettings, type ConfigFlags } from '../../src/config/index.js';
import { tempHome } from './temp-home.js';

const PROFILE_SOURCE = { kind: 'file', name: '~/.config/ips-jobs/config.json profile "prod"' } as const;

interface Case {
  key: 'username' | 'company' | 'region' | 'endpoint' | 'staging';
  flag: Partial<ConfigFlags>;
  flagName: string;
  envName: string;
  envValue: string;
  profileValue: string | boolean;
  expected: { flag: unknown; env: unknown; profile: unknown; default: unknown };
}

const cases: Case[] = [
  {
    key: 'username',
    flag: { username: 'flag@x' },
    flagName: '--username',
    envName: 'IPS_JOBS_USERNAME',
    envValue: 'env@x',
    profileValue: 'file@x',
    expected: { flag: 'flag@x', env: 'env@x', profile: 'file@x', default: undefined },
  },
  {
    key: 'company',
    flag: { company: 'c|1' },
    flagName: '--company',
    envName: 'IPS_JOBS_COMPANY',
    envValue: '2002',
    profileValue: 'Demo Company',
    expected: {
      flag: { kind: 'handle', value: 'c|1' },
      env: { kind: 'handle', value: '2002' },
      profile: { kind: 'name', value: 'Demo Company' },
      default: undefined,
    },
  },
  {
    key: 'region',
    flag: { region: 'APAC' },
    flagName: '--region',
    envName: 'IPS_JOBS_REGION',
    envValue: 'emea',
    profileValue: 'Na',
    expected: { flag: 'apac', env: 'emea', profile: 'na', default: 'na' },
  },
  {
    key: 'endpoint',
    flag: { endpoint: 'https://flag.example/ips' },
    flagName: '--endpoint',
    envName: 'IPS_JOBS_ENDPOINT',
    envValue: 'http://localhost:8080/ips',
    profileValue: 'https://file.example/ips',
    expected: {
      flag: 'https://flag.example/ips',
      env: 'http://localhost:8080/ips',
      profile: 'https://file.example/ips',
      default: undefined,
    },
  },
  {
    key: 'staging',
    flag: { staging: false },
    flagName: '--staging',
    envName: 'IPS_JOBS_STAGING',
    envValue: 'yes',
    profileValue: false,
    expected: { flag: false, env: true, profile: false, default: false },
  },
];

describe.each(cases)('$key', (c) => {
  async function resolveWith(layers: { flag: boolean; env: boolean; profile: boolean }) {
    const t = await tempHome();
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: layers.profile ? { [c.key]: c.profileValue } : {} } });
    return resolveSettings({
      flags: layers.flag ? c.flag : {},
      env: layers.env ? { ...t.env, [c.envName]: c.envValue } : t.env,
    });
  }

  it('comes from the flag when everything is set', async () => {
    const settings = await resolveWith({ flag: true, env: true, profile: true });
    expect(settings[c.key]).toEqual({ value: c.expected.flag, source: { kind: 'flag', name: c.flagName } });
  });

  it('comes from the environment over the profile', async () => {
    const settings = await resolveWith({ flag: false, env: true, profile: true });
    expect(settings[c.key]).toEqual({ value: c.expected.env, source: { kind: 'env', name: c.envName } });
  });

  it('comes from the profile when neither flag nor environment gives it', async () => {
    const settings = await resolveWith({ flag: false, env: false, profile: true });
    expect(settings[c.key]).toEqual({ value: c.expected.profile, source: PROFILE_SOURCE });
  });

  it('falls back to its default', async () => {
    const settings = await resolveWith({ flag: false, env: false, profile: false });
    const expected =
      c.expected.default === undefined ? undefined : { value: c.expected.default, source: { kind: 'default', name: 'default' } };
    expect(settings[c.key]).toEqual(expected);
  });
});

describe('an empty environment variable', () => {
  it('counts as unset, so the profile value shows through', async () => {
    const t = await tempHome();
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: { username: 'file@x' } } });
    const settings = await resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_USERNAME: '' } });
    expect(settings.username).toEqual({ value: 'file@x', source: PROFILE_SOURCE });
  });
});

describe('IPS_JOBS_STAGING', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['YES', true],
    ['0', false],
    ['False', false],
    ['no', false],
  ])('%s means %s', async (value, expected) => {
    const t = await tempHome();
    const settings = await resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_STAGING: value } });
    expect(settings.staging.value).toBe(expected);
  });
});
