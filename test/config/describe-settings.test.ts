// `ips-jobs config show`: every setting with its value and where it came from; never the password.

import { describe, expect, it } from 'vitest';
import { describeSettings, resolveSettings } from '../../src/config/index.js';
import { tempHome } from './temp-home.js';

describe('describeSettings', () => {
  it('shows each value with its source, and the password masked', async () => {
    const t = await tempHome();
    await t.writeConfig({
      defaultProfile: 'prod',
      profiles: { prod: { company: 'Demo Company', password: 'hunter2', staging: true } },
    });
    const settings = await resolveSettings({
      flags: { region: 'emea' },
      env: { ...t.env, IPS_JOBS_USERNAME: 'demo@x' },
    });

    const rows = describeSettings(settings);

    const profileSource = '~/.config/ips-jobs/config.json profile "prod"';
    expect(rows).toEqual([
      { key: 'profile', value: 'prod', source: '~/.config/ips-jobs/config.json "defaultProfile"' },
      { key: 'username', value: 'demo@x', source: 'IPS_JOBS_USERNAME' },
      { key: 'password', value: '********', source: profileSource },
      { key: 'company', value: 'Demo Company (name)', source: profileSource },
      // Where to connect is one setting: --region picks a region host, whose staging the profile says; each row
      // names its own source, the endpoint both.
      { key: 'region', value: 'emea', source: '--region' },
      { key: 'staging', value: 'true', source: profileSource },
      { key: 'endpoint', value: 'https://s7sps3apissl-staging.scene7.com/scene7/services/IpsApiService', source: '--region, ~/.config/ips-jobs/config.json profile "prod"' },
      { key: 'config file', value: '~/.config/ips-jobs/config.json', source: '' },
    ]);
    expect(JSON.stringify(rows)).not.toContain('hunter2');
  });

  it('says what is not set, and that the config file was not found', async () => {
    const t = await tempHome();
    const rows = describeSettings(await resolveSettings({ flags: {}, env: t.env }));
    expect(rows.find((r) => r.key === 'password')).toEqual({ key: 'password', value: '(not set)', source: '' });
    expect(rows.find((r) => r.key === 'region')).toEqual({ key: 'region', value: 'na', source: 'default' });
    expect(rows.find((r) => r.key === 'staging')).toEqual({ key: 'staging', value: 'false', source: 'default' });
    expect(rows.find((r) => r.key === 'endpoint')).toEqual({
      key: 'endpoint',
      value: 'https://s7sps1apissl.scene7.com/scene7/services/IpsApiService',
      source: 'default',
    });
    expect(rows.at(-1)).toEqual({ key: 'config file', value: '~/.config/ips-jobs/config.json (not found)', source: '' });
  });

  it("names the default for a region or staging no level says, and the level that said the other", async () => {
    const t = await tempHome();
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: { endpoint: 'https://gw.example.com/ips' } } });
    const rows = describeSettings(await resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_STAGING: '0' } }));
    expect(rows.filter((r) => ['region', 'staging', 'endpoint'].includes(r.key))).toEqual([
      { key: 'region', value: 'na', source: 'default' },
      { key: 'staging', value: 'false', source: 'IPS_JOBS_STAGING' },
      { key: 'endpoint', value: 'https://s7sps1apissl.scene7.com/scene7/services/IpsApiService', source: 'IPS_JOBS_STAGING' },
    ]);
  });
});
