// The rows of `ips-jobs config show`: every setting, its value as text, and where it came from.

import { MASK } from './secret.js';
import type { Setting } from './setting.js';
import type { Settings } from './settings.js';

export interface SettingRow {
  key: string;
  value: string;
  /** The source's name ('IPS_JOBS_USERNAME', '--region', 'default', …); empty when the setting is not set. */
  source: string;
}

const NOT_SET = '(not set)';

function row<T>(key: string, setting: Setting<T> | undefined, show: (value: T) => string): SettingRow {
  if (setting === undefined) return { key, value: NOT_SET, source: '' };
  return { key, value: show(setting.value), source: setting.source.name };
}

export function describeSettings(settings: Settings): SettingRow[] {
  return [
    row('profile', settings.profile, String),
    row('username', settings.username, String),
    // Never the password itself, not even its length.
    row('password', settings.password, () => MASK),
    row('company', settings.company, (c) => `${c.value} (${c.kind})`),
    row('region', settings.region, String),
    row('staging', settings.staging, String),
    row('endpoint', settings.endpoint, String),
    {
      key: 'config file',
      value: settings.configFileFound ? settings.configPathShown : `${settings.configPathShown} (not found)`,
      source: '',
    },
  ];
}
