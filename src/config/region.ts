// The IPS data-centre regions a user may pick.

import { ConfigError } from './errors.js';
import type { SettingSource } from './setting.js';

const REGIONS = ['na', 'emea', 'apac'] as const;
export type Region = (typeof REGIONS)[number];

function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}

export function parseRegion(raw: string, source: SettingSource): Region {
  const region = raw.trim().toLowerCase();
  if (isRegion(region)) return region;
  throw new ConfigError(`invalid region "${raw}" from ${source.name}: expected na, emea or apac`, { source });
}
