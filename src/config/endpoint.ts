// Where to connect: one setting, the SOAP service URL, given as an endpoint or picked by a region and its staging host.
// Levels: flags, then the environment, then the selected profile, then the default. The highest level that names an
// endpoint, a region or staging decides: its endpoint wins whole (beating that level's region and staging, with a
// warning), and a lower level's endpoint never mixes in. Otherwise the region host's region and staging each come from
// the highest level that says them, down to a level with an endpoint: `--staging` with a profile in emea is emea staging.

import { regionEndpoint, serviceUrl } from '../ips/endpoints.js';
import { redactUrl, userinfoParses } from '../ips/redact.js';
import { ENV, readEnv, type Env } from './env.js';
import { ConfigError } from './errors.js';
import { readFlag, type ConfigFlags } from './flags.js';
import type { SelectedProfile } from './profile.js';
import { parseRegion, type Region } from './region.js';
import type { Setting, SettingSource } from './setting.js';
import { parseStaging } from './staging.js';

interface Endpoint {
  /** The SOAP service URL. */
  url: string;
  /** The region and host that picked it; none for an endpoint given as a URL. */
  region?: { name: Region; staging: boolean };
}

/** Where to connect, from the levels as a whole; a region host also says where its region and its staging each came from. */
export interface EndpointSetting extends Setting<Endpoint> {
  /** For a region host: the level that said its region and the one that said its staging, each `default` when none did. */
  sources?: { region: SettingSource; staging: SettingSource };
}

/** What one level says about where to connect, each value with the source that gave it. */
interface Said {
  endpoint?: Setting<string>;
  region?: Setting<string>;
  /** A flag or the config file give a boolean; IPS_JOBS_STAGING is text, read only when it is used. */
  staging?: Setting<boolean | string>;
  /** How a warning names this level's endpoint when a higher level's region or staging sets it aside. */
  endpointNamed?: string;
}

/** A host, host:port or [IPv6]:port, with or without a path: the IPS at that host, over https. */
const BARE_HOST = /^(\[[\da-f:.]+\]|[a-z\d][a-z\d.-]*)(:\d{1,5})?(\/\S*)?$/i;

/** An explicit IPS endpoint: an http:// or https:// URL the SOAP client can post to, or a bare host (https). */
function parseEndpoint(raw: string, source: SettingSource): string {
  const hasScheme = raw.includes('://');
  const text = !hasScheme && BARE_HOST.test(raw) ? `https://${raw}` : raw;
  const invalid = (why: string): never => {
    throw new ConfigError(`invalid endpoint ${why}`, { source });
  };
  // Where a user:password@ ends is unclear in such a value, so none of it is quoted: any part may be the password.
  if (!userinfoParses(text)) {
    if (!hasScheme) invalid(`from ${source.name}: user:password@ is allowed only in a URL that starts with https:// (or http://), e.g. https://user:password@host`);
    invalid(`from ${source.name}: not a valid URL with a user and password; write "/" as %2F, "?" as %3F, "#" as %23 and "@" as %40 in them`);
  }
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    // Quoted without a user:password@ it may carry.
    invalid(`"${redactUrl(raw)}" from ${source.name}: expected a host name or an http:// or https:// URL`);
  }
  return text;
}

const DEFAULT_SOURCE: SettingSource = { kind: 'default', name: 'default' };

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
  return {
    endpoint: given(config.endpoint, valueSource),
    region: given(config.region, valueSource),
    staging: given(config.staging, valueSource),
    endpointNamed: `the profile "${profile.name.value}"'s endpoint`,
  };
}

function namesOf(settings: ReadonlyArray<Setting<unknown> | undefined>): string[] {
  return [...new Set(settings.flatMap((setting) => (setting === undefined ? [] : [setting.source.name])))];
}

/** "--region is given, so IPS_JOBS_ENDPOINT is ignored": what `names` ("--region", …) of one level set aside. */
function ignoredWarning(names: readonly string[], kind: SettingSource['kind'], ignored: readonly string[]): string {
  const verb = `${names.length === 1 ? 'is' : 'are'} ${kind === 'flag' ? 'given' : 'set'}`;
  return `${names.join(' and ')} ${verb}, so ${ignored.join(' and ')} ${ignored.length === 1 ? 'is' : 'are'} ignored`;
}

/** A level's endpoint, when it names one: it beats that level's own region and staging, with a warning. */
function endpointOf(said: Said, warnings: string[]): Setting<Endpoint> | undefined {
  const { endpoint, region, staging } = said;
  if (endpoint === undefined) return undefined;
  // A profile's own conflict is the config file's warning (config-file.ts), said for every profile.
  const ignored = endpoint.source.kind === 'file' ? [] : namesOf([region, staging]);
  if (ignored.length > 0) warnings.push(ignoredWarning([endpoint.source.name], endpoint.source.kind, ignored));
  return { value: { url: serviceUrl(parseEndpoint(endpoint.value, endpoint.source)) }, source: endpoint.source };
}

/**
 * A region host from the levels from the deciding one down: the region and staging each from the highest level
 * that says it, stopping at a level with an endpoint (its region and staging are ignored with it). That endpoint is
 * set aside with a warning naming what the deciding level said; one further down is beaten by it anyway.
 */
function regionHostOf(levels: readonly Said[], warnings: string[]): EndpointSetting {
  const below = levels.findIndex((said, i) => i > 0 && said.endpoint !== undefined);
  const usable = below === -1 ? levels : levels.slice(0, below);
  const setAside = below === -1 ? undefined : levels[below];
  if (setAside?.endpoint !== undefined) {
    const deciding = levels[0]!;
    const said = [deciding.region, deciding.staging];
    const kind = said.find((setting) => setting !== undefined)!.source.kind;
    warnings.push(ignoredWarning(namesOf(said), kind, [setAside.endpointNamed ?? setAside.endpoint.source.name]));
  }
  const region = usable.find((said) => said.region !== undefined)?.region;
  const staging = usable.find((said) => said.staging !== undefined)?.staging;
  const name = region === undefined ? 'na' : parseRegion(region.value, region.source);
  const onStaging = typeof staging?.value === 'string' ? parseStaging(staging.value, staging.source) : (staging?.value ?? false);
  const source: SettingSource = { kind: (levels[0]?.region ?? levels[0]?.staging)!.source.kind, name: namesOf([region, staging]).join(', ') };
  return {
    value: { url: regionEndpoint(name, onStaging), region: { name, staging: onStaging } },
    source,
    sources: { region: region?.source ?? DEFAULT_SOURCE, staging: staging?.source ?? DEFAULT_SOURCE },
  };
}

/**
 * Where to connect: flags > environment > profile > na production. The highest level that says anything decides
 * between its endpoint and a region host; a region host's region and staging may come from lower levels.
 */
export function resolveEndpoint(flags: ConfigFlags, env: Env, profile: SelectedProfile | undefined, warnings: string[]): EndpointSetting {
  const levels = [fromFlags(flags), fromEnv(env), fromProfile(profile)];
  const top = levels.findIndex((said) => said.endpoint !== undefined || said.region !== undefined || said.staging !== undefined);
  if (top === -1) {
    return {
      value: { url: regionEndpoint('na', false), region: { name: 'na', staging: false } },
      source: DEFAULT_SOURCE,
      sources: { region: DEFAULT_SOURCE, staging: DEFAULT_SOURCE },
    };
  }
  const deciding = levels.slice(top);
  return endpointOf(deciding[0]!, warnings) ?? regionHostOf(deciding, warnings);
}
