import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config/index.js';
import { defaultConfigPath, displayPath, expandHome } from '../../src/config/paths.js';
import { tempHome } from './temp-home.js';

describe('where the config file is', () => {
  it('is under $HOME/.config when XDG_CONFIG_HOME is not set', () => {
    expect(defaultConfigPath({ HOME: '/home/demo' })).toBe('/home/demo/.config/ips-jobs/config.json');
  });

  it('is under XDG_CONFIG_HOME when set', () => {
    expect(defaultConfigPath({ HOME: '/home/demo', XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/ips-jobs/config.json');
  });

  it('ignores an empty or relative XDG_CONFIG_HOME, as the XDG spec says', () => {
    expect(defaultConfigPath({ HOME: '/home/demo', XDG_CONFIG_HOME: '' })).toBe('/home/demo/.config/ips-jobs/config.json');
    expect(defaultConfigPath({ HOME: '/home/demo', XDG_CONFIG_HOME: 'rel' })).toBe('/home/demo/.config/ips-jobs/config.json');
  });

  it('reads the profile from XDG_CONFIG_HOME rather than HOME', async () => {
    const t = await tempHome();
    await t.writeConfig({ profiles: { p: { username: 'from-home' } } });
    await t.writeHomeFile('xdg/ips-jobs/config.json', JSON.stringify({ profiles: { p: { username: 'from-xdg' } } }));
    const xdg = path.join(t.home, 'xdg');

    const settings = await resolveSettings({ flags: { profile: 'p' }, env: { ...t.env, XDG_CONFIG_HOME: xdg } });

    expect(settings.configPath).toBe(path.join(xdg, 'ips-jobs', 'config.json'));
    expect(settings.configFileFound).toBe(true);
    expect(settings.username).toEqual({
      value: 'from-xdg',
      source: { kind: 'file', name: '~/xdg/ips-jobs/config.json profile "p"' },
    });
  });

  it('uses IPS_JOBS_CONFIG over the default, and the configPath input over both', async () => {
    const t = await tempHome();
    const custom = await t.writeHomeFile('custom.json', JSON.stringify({ profiles: { p: { username: 'custom' } } }));
    const fromEnv = await resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_CONFIG: custom } });
    expect(fromEnv.configPath).toBe(custom);
    expect(fromEnv.configPathShown).toBe('~/custom.json');

    const fromInput = await resolveSettings({
      flags: {},
      env: { ...t.env, IPS_JOBS_CONFIG: custom },
      configPath: path.join(t.home, 'other.json'),
    });
    expect(fromInput.configPath).toBe(path.join(t.home, 'other.json'));
    expect(fromInput.configFileFound).toBe(false);
  });

  it('warns, without failing, when a config file named by IPS_JOBS_CONFIG does not exist', async () => {
    const t = await tempHome();
    const settings = await resolveSettings({
      flags: {},
      env: { ...t.env, IPS_JOBS_CONFIG: '~/nowhere.json' },
    });
    expect(settings.configPath).toBe(path.join(t.home, 'nowhere.json'));
    expect(settings.configFileFound).toBe(false);
    expect(settings.warnings).toEqual(['config file ~/nowhere.json (named by IPS_JOBS_CONFIG) does not exist']);
  });
});

describe('~ in paths', () => {
  it('expands a leading ~ with HOME and shows HOME as ~', () => {
    const env = { HOME: '/home/demo' };
    expect(expandHome('~/secret', env)).toBe('/home/demo/secret');
    expect(expandHome('~', env)).toBe('/home/demo');
    expect(expandHome('/etc/~/x', env)).toBe('/etc/~/x');
    expect(expandHome('~other/x', env)).toBe('~other/x');
    expect(displayPath('/home/demo/.config/x.json', env)).toBe('~/.config/x.json');
    expect(displayPath('/home/demonstration/x', env)).toBe('/home/demonstration/x');
  });
});
