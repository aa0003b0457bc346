// An explicit IPS endpoint must be a URL the SOAP client can post to.

import { ConfigError } from './errors.js';
import type { SettingSource } from './setting.js';

export function parseEndpoint(raw: string, source: SettingSource): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(`invalid endpoint "${raw}" from ${source.name}: expected an http:// or https:// URL`, {
      source,
    });
  }
  return raw;
}
