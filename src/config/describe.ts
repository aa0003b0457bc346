// The rows of `ips-jobs config show`: every setting, its value as text, and where it came from.

import { redactUrl } from '../ips/redact.js';
import { MASK } from './secret.js';
import type { Setting, SettingSource } from './setting.js';
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
  const { endpoint } = settings;
  // The region and staging in effect are the endpoint's: none for an endpoint given as a URL. Each row names the
  // level that said it (or `default`); the endpoint row names them both.
  const region = endpoint.value.region;
  const part = <T>(value: T | undefined, source: SettingSource | undefined): Setting<T> | undefined =>
    value === undefined ? undefined : { value, source: source ?? endpoint.source };
  return [
    row('profile', settings.profile, String),
    row('username', settings.username, String),
    // Never the password itself, not even its length.
    row('password', settings.password, () => MASK),
    row('company', settings.company, (c) => `${c.value} (${c.kind})`),
    row('region', part(region?.name, endpoint.sources?.region), String),
    row('staging', part(region?.staging, endpoint.sources?.staging), String),
    // Without a user:password@ it may carry.
    row('endpoint', endpoint, (value) => redactUrl(value.url)),
    {
      key: 'config file',
      value: settings.configFileFound ? settings.configPathShown : `${settings.configPathShown} (not found)`,
      source: '',
    },
  ];
}
