// The IPS data-centre regions a user may pick (their hosts: src/ips/endpoints.ts).

import { REGIONS, type Region } from '../ips/endpoints.js';
import { ConfigError } from './errors.js';
import type { SettingSource } from './setting.js';

export type { Region };

function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}

export function parseRegion(raw: string, source: SettingSource): Region {
  const region = raw.trim().toLowerCase();
  if (isRegion(region)) return region;
  throw new ConfigError(`invalid region "${raw}" from ${source.name}: expected na, emea or apac`, { source });
}
