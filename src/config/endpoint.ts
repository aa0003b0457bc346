// Where to connect: one setting, the SOAP service URL, given as an endpoint or picked by a region and its staging host.
// Each level (flags, then the environment, then the selected profile, then the default) says it as a whole: the
// highest level that names an endpoint, a region or staging wins, and nothing of a lower level mixes in. Within a
// level an endpoint beats that level's region and staging, with a warning that they are ignored.

import { regionEndpoint, serviceUrl } from '../ips/endpoints.js';
import { redactUrl } from '../ips/redact.js';
import { ENV, readEnv, type Env } from './env.js';
import { ConfigError } from './errors.js';
import { readFlag, type ConfigFlags } from './flags.js';
import type { SelectedProfile } from './profile.js';
import { parseRegion, type Region } from './region.js';
import type { Setting, SettingSource } from './setting.js';
import { parseStaging } from './staging.js';

export interface Endpoint {
  /** The SOAP service URL. */
  url: string;
  /** The region and host that picked it; none for an endpoint given as a URL. */
  region?: { name: Region; staging: boolean };
}

/** What one level says about where to connect, each value with the source that gave it. */
interface Said {
  endpoint?: Setting<string>;
  region?: Setting<string>;
  /** A flag or the config file give a boolean; IPS_JOBS_STAGING is text, read only when it is used. */
  staging?: Setting<boolean | string>;
}

/** A host, host:port or [IPv6]:port, with or without a path: the IPS at that host, over https. */
const BARE_HOST = /^(\[[\da-f:.]+\]|[a-z\d][a-z\d.-]*)(:\d{1,5})?(\/\S*)?$/i;

/** An explicit IPS endpoint: an http:// or https:// URL the SOAP client can post to, or a bare host (https). */
function parseEndpoint(raw: string, source: SettingSource): string {
  const text = !raw.includes('://') && BARE_HOST.test(raw) ? `https://${raw}` : raw;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    // Quoted without a user:password@ it may carry.
    throw new ConfigError(`invalid endpoint "${redactUrl(raw)}" from ${source.name}: expected a host name or an http:// or https:// URL`, {
      source,
    });
  }
  return text;
}

function given<T>(value: T | undefined, source: SettingSource): Setting<T> | undefined {
  return value === undefined ? undefined : { value, source };
}

function fromFlags(flags: ConfigFlags): Said {
  const flag = (name: string): SettingSource => ({ kind: 'flag', name });
  return {
    endpoint: given(readFlag('--endpoint', flags.endpoint), flag('--endpoint')),
    region: given(readFlag('--region', flags.region), flag('--region')),
    staging: given(flags.staging, flag('--staging')),
  };
}

function fromEnv(env: Env): Said {
  const variable = (name: string): SettingSource => ({ kind: 'env', name });
  return {
    endpoint: given(readEnv(env, ENV.endpoint), variable(ENV.endpoint)),
    region: given(readEnv(env, ENV.region), variable(ENV.region)),
    staging: given(readEnv(env, ENV.staging), variable(ENV.staging)),
  };
}

function fromProfile(profile: SelectedProfile | undefined): Said {
  if (profile === undefined) return {};
  const { config, valueSource } = profile;
  return { endpoint: given(config.endpoint, valueSource), region: given(config.region, valueSource), staging: given(config.staging, valueSource) };
}

function namesOf(settings: ReadonlyArray<Setting<unknown> | undefined>): string[] {
  return [...new Set(settings.flatMap((setting) => (setting === undefined ? [] : [setting.source.name])))];
}

/** The endpoint a level says, or undefined when it says nothing about where to connect. */
function endpointOf(said: Said, warnings: string[]): Setting<Endpoint> | undefined {
  const { endpoint, region, staging } = said;
  if (endpoint !== undefined) {
    // A profile's own conflict is the config file's warning (config-file.ts), said for every profile.
    const ignored = endpoint.source.kind === 'file' ? [] : namesOf([region, staging]);
    if (ignored.length > 0) {
      const verb = endpoint.source.kind === 'flag' ? 'is given' : 'is set';
      warnings.push(`${endpoint.source.name} ${verb}, so ${ignored.join(' and ')} ${ignored.length === 1 ? 'is' : 'are'} ignored`);
    }
    return { value: { url: serviceUrl(parseEndpoint(endpoint.value, endpoint.source)) }, source: endpoint.source };
  }
  if (region === undefined && staging === undefined) return undefined;
  const name = region === undefined ? 'na' : parseRegion(region.value, region.source);
  const onStaging = typeof staging?.value === 'string' ? parseStaging(staging.value, staging.source) : (staging?.value ?? false);
  // One level: every value has the same kind of source; a profile's have the same name too.
  const source: SettingSource = { kind: (region ?? staging)!.source.kind, name: namesOf([region, staging]).join(', ') };
  return { value: { url: regionEndpoint(name, onStaging), region: { name, staging: onStaging } }, source };
}

const DEFAULT_SOURCE: SettingSource = { kind: 'default', name: 'default' };

/** Where to connect: flags > environment > profile > na production, each level as a whole. */
export function resolveEndpoint(flags: ConfigFlags, env: Env, profile: SelectedProfile | undefined, warnings: string[]): Setting<Endpoint> {
  // In order, each read only when the levels above it say nothing: a lower level's bad value is never reported.
  for (const said of [() => fromFlags(flags), () => fromEnv(env), () => fromProfile(profile)]) {
    const endpoint = endpointOf(said(), warnings);
    if (endpoint !== undefined) return endpoint;
  }
  return { value: { url: regionEndpoint('na', false), region: { name: 'na', staging: false } }, source: DEFAULT_SOURCE };
}
