// IPS_JOBS_STAGING is text; flags and the config file already give a boolean.

import { ConfigError } from './errors.js';
import type { SettingSource } from './setting.js';

const TRUE_WORDS = ['1', 'true', 'yes'];
const FALSE_WORDS = ['0', 'false', 'no'];

export function parseStaging(raw: string, source: SettingSource): boolean {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  throw new ConfigError(`invalid staging value "${raw}" from ${source.name}: expected 1, true, yes, 0, false or no`, {
    source,
  });
}
