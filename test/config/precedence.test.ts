// Each setting: a flag beats the environment, which beats the profile, which beats the default. Where to connect
// (endpoint, region, staging) is one setting: the highest level that says anything about it wins as a whole.

import { describe, expect, it } from 'vitest';
import { resolveSettings, type ConfigFlags } from '../../src/config/index.js';
import { tempHome } from './temp-home.js';

const PROFILE_SOURCE = { kind: 'file', name: '~/.config/ips-jobs/config.json profile "prod"' } as const;

interface Case {
  key: 'username' | 'company';
  flag: Partial<ConfigFlags>;
  flagName: string;
  envName: string;
  envValue: string;
  profileValue: string | boolean;
  expected: { flag: unknown; env: unknown; profile: unknown; default: unknown };
}

const cases: Case[] = [
  {
    key: 'username',
    flag: { username: 'flag@x' },
    flagName: '--username',
    envName: 'IPS_JOBS_USERNAME',
    envValue: 'env@x',
    profileValue: 'file@x',
    expected: { flag: 'flag@x', env: 'env@x', profile: 'file@x', default: undefined },
  },
  {
    key: 'company',
    flag: { company: 'c|1' },
    flagName: '--company',
    envName: 'IPS_JOBS_COMPANY',
    envValue: '2002',
    profileValue: 'Demo Company',
    expected: {
      flag: { kind: 'handle', value: 'c|1' },
      env: { kind: 'handle', value: '2002' },
      profile: { kind: 'name', value: 'Demo Company' },
      default: undefined,
    },
  },
];

describe.each(cases)('$key', (c) => {
  async function resolveWith(layers: { flag: boolean; env: boolean; profile: boolean }) {
    const t = await tempHome();
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: layers.profile ? { [c.key]: c.profileValue } : {} } });
    return resolveSettings({
      flags: layers.flag ? c.flag : {},
      env: layers.env ? { ...t.env, [c.envName]: c.envValue } : t.env,
    });
  }

  it('comes from the flag when everything is set', async () => {
    const settings = await resolveWith({ flag: true, env: true, profile: true });
    expect(settings[c.key]).toEqual({ value: c.expected.flag, source: { kind: 'flag', name: c.flagName } });
  });

  it('comes from the environment over the profile', async () => {
    const settings = await resolveWith({ flag: false, env: true, profile: true });
    expect(settings[c.key]).toEqual({ value: c.expected.env, source: { kind: 'env', name: c.envName } });
  });

  it('comes from the profile when neither flag nor environment gives it', async () => {
    const settings = await resolveWith({ flag: false, env: false, profile: true });
    expect(settings[c.key]).toEqual({ value: c.expected.profile, source: PROFILE_SOURCE });
  });

  it('falls back to its default', async () => {
    const settings = await resolveWith({ flag: false, env: false, profile: false });
    const expected =
      c.expected.default === undefined ? undefined : { value: c.expected.default, source: { kind: 'default', name: 'default' } };
    expect(settings[c.key]).toEqual(expected);
  });
});

describe('an empty environment variable', () => {
  it('counts as unset, so the profile value shows through', async () => {
    const t = await tempHome();
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: { username: 'file@x' } } });
    const settings = await resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_USERNAME: '' } });
    expect(settings.username).toEqual({ value: 'file@x', source: PROFILE_SOURCE });
  });
});

describe('IPS_JOBS_STAGING', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['YES', true],
    ['0', false],
    ['False', false],
    ['no', false],
  ])('%s means %s', async (value, expected) => {
    const t = await tempHome();
    const settings = await resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_STAGING: value } });
    expect(settings.endpoint.value.region).toEqual({ name: 'na', staging: expected });
  });
});

// Where to connect: --endpoint/--region/--staging > IPS_JOBS_ENDPOINT/IPS_JOBS_REGION/IPS_JOBS_STAGING > the profile's
// endpoint/region/staging > the default (na, production). The highest level that says anything decides between an
// endpoint and a region host: its endpoint wins whole, and a lower level's endpoint never mixes in. A region host's
// region and staging each come from the highest level that says them, down to a level with an endpoint: `--staging`
// with a profile in emea is emea's staging host.

type Level = 'flag' | 'env' | 'profile';
type Kind = 'endpoint' | 'region' | 'staging';
const LEVELS: readonly Level[] = ['flag', 'env', 'profile'];
const KINDS: readonly Kind[] = ['endpoint', 'region', 'staging'];

const SERVICE_PATH = '/scene7/services/IpsApiService';
const HOSTS = { na: 's7sps1apissl', emea: 's7sps3apissl', apac: 's7sps5apissl' } as const;
const regionUrl = (region: keyof typeof HOSTS, staging: boolean) => `https://${HOSTS[region]}${staging ? '-staging' : ''}.scene7.com${SERVICE_PATH}`;

/** What each level says, for each kind: a distinct endpoint and region per level, so the winner shows. */
const SAYS = {
  flag: { endpoint: 'https://flag.example/ips', region: 'emea', staging: true },
  env: { endpoint: 'https://env.example/ips', region: 'apac', staging: '1' },
  profile: { endpoint: 'https://file.example/ips', region: 'na', staging: true },
} as const;
const REGION_OF = { flag: 'emea', env: 'apac', profile: 'na' } as const;

const NAMES: Record<Exclude<Level, 'profile'>, Record<Kind, string>> = {
  flag: { endpoint: '--endpoint', region: '--region', staging: '--staging' },
  env: { endpoint: 'IPS_JOBS_ENDPOINT', region: 'IPS_JOBS_REGION', staging: 'IPS_JOBS_STAGING' },
};

/** The input that makes `level` say `kinds`. */
function layer(level: Level, kinds: readonly Kind[]): { flags: Partial<ConfigFlags>; env: Record<string, string>; profile: Record<string, unknown> } {
  const said = Object.fromEntries(kinds.map((kind) => [kind, SAYS[level][kind]]));
  if (level === 'flag') return { flags: said, env: {}, profile: {} };
  if (level === 'env') return { flags: {}, env: Object.fromEntries(kinds.map((kind) => [NAMES.env[kind], String(SAYS.env[kind])])), profile: {} };
  return { flags: {}, env: {}, profile: said };
}

async function resolveLayers(layers: ReadonlyArray<{ level: Level; kinds: readonly Kind[] }>) {
  const t = await tempHome();
  const parts = layers.map(({ level, kinds }) => layer(level, kinds));
  await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: Object.assign({}, ...parts.map((p) => p.profile)) } });
  return resolveSettings({ flags: Object.assign({}, ...parts.map((p) => p.flags)), env: Object.assign({ ...t.env }, ...parts.map((p) => p.env)) });
}

const DEFAULT_SOURCE = { kind: 'default', name: 'default' } as const;

/** The source of `kind` said by `level`. */
function sourceOf(level: Level, kind: Kind) {
  return level === 'profile' ? PROFILE_SOURCE : { kind: level, name: NAMES[level][kind] };
}

/** The endpoint `level` picks when it says `kinds`, its source, and a region host's region and staging sources. */
function expected(level: Level, kinds: readonly Kind[]) {
  const source = level === 'profile' ? PROFILE_SOURCE : { kind: level, name: kinds.map((kind) => NAMES[level][kind]).join(', ') };
  if (kinds.includes('endpoint')) return { value: { url: SAYS[level].endpoint }, source: level === 'profile' ? PROFILE_SOURCE : { kind: level, name: NAMES[level].endpoint } };
  const region = kinds.includes('region') ? REGION_OF[level] : 'na';
  const staging = kinds.includes('staging');
  const sources = {
    region: kinds.includes('region') ? sourceOf(level, 'region') : DEFAULT_SOURCE,
    staging: staging ? sourceOf(level, 'staging') : DEFAULT_SOURCE,
  };
  return { value: { url: regionUrl(region, staging), region: { name: region, staging } }, source, sources };
}

describe('where to connect', () => {
  it('is na production by default', async () => {
    const settings = await resolveLayers([]);
    expect(settings.endpoint).toEqual({
      value: { url: regionUrl('na', false), region: { name: 'na', staging: false } },
      source: DEFAULT_SOURCE,
      sources: { region: DEFAULT_SOURCE, staging: DEFAULT_SOURCE },
    });
  });

  describe.each(LEVELS.flatMap((level) => KINDS.map((kind) => ({ level, kind }))))('$kind alone from the $level', ({ level, kind }) => {
    it('picks the endpoint', async () => {
      const settings = await resolveLayers([{ level, kinds: [kind] }]);
      expect(settings.endpoint).toEqual(expected(level, [kind]));
    });
  });

  const pairs = LEVELS.flatMap((high, i) =>
    LEVELS.slice(i + 1).flatMap((low) => KINDS.flatMap((highKind) => KINDS.map((lowKind) => ({ high, highKind, low, lowKind })))),
  );
  /** How a warning names the endpoint a higher level's region or staging sets aside. */
  const endpointNamed = (level: Level) => (level === 'profile' ? 'the profile "prod"\'s endpoint' : NAMES[level].endpoint);
  const verb = (level: Level) => (level === 'flag' ? 'is given' : 'is set');
  const whole = pairs.filter(({ highKind, lowKind }) => highKind === 'endpoint' || lowKind === 'endpoint' || highKind === lowKind);
  it.each(whole)('$highKind from the $high wins as a whole over $lowKind from the $low', async ({ high, highKind, low, lowKind }) => {
    const settings = await resolveLayers([
      { level: high, kinds: [highKind] },
      { level: low, kinds: [lowKind] },
    ]);
    expect(settings.endpoint).toEqual(expected(high, [highKind]));
    // A lower level's endpoint set aside by a region or staging is said; a higher endpoint beating a lower one is not.
    const setAside = highKind !== 'endpoint' && lowKind === 'endpoint' && high !== 'profile';
    expect(settings.warnings).toEqual(setAside ? [`${NAMES[high as Exclude<Level, 'profile'>][highKind]} ${verb(high)}, so ${endpointNamed(low)} is ignored`] : []);
  });

  const nameOf = (level: Level, kind: Kind) => (level === 'profile' ? PROFILE_SOURCE.name : NAMES[level][kind]);
  const combined = pairs.filter(({ highKind, lowKind }) => highKind !== 'endpoint' && lowKind !== 'endpoint' && highKind !== lowKind);
  it.each(combined)('$highKind from the $high goes with $lowKind from the $low', async ({ high, highKind, low, lowKind }) => {
    const settings = await resolveLayers([
      { level: high, kinds: [highKind] },
      { level: low, kinds: [lowKind] },
    ]);
    const [regionLevel, stagingLevel] = highKind === 'region' ? [high, low] : [low, high];
    const region = REGION_OF[regionLevel];
    expect(settings.endpoint).toEqual({
      value: { url: regionUrl(region, true), region: { name: region, staging: true } },
      source: { kind: high === 'profile' ? 'file' : high, name: `${nameOf(regionLevel, 'region')}, ${nameOf(stagingLevel, 'staging')}` },
      sources: { region: sourceOf(regionLevel, 'region'), staging: sourceOf(stagingLevel, 'staging') },
    });
    expect(settings.warnings).toEqual([]);
  });

  it('--staging with a profile in emea is emea staging; a profile endpoint below them never mixes in', async () => {
    const staging = await resolveLayers([
      { level: 'flag', kinds: ['staging'] },
      { level: 'profile', kinds: ['region'] },
    ]);
    expect(staging.endpoint.value.url).toBe(regionUrl('na', true));
    const t = await tempHome();
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: { region: 'emea' } } });
    const emea = await resolveSettings({ flags: { staging: true }, env: { ...t.env } });
    expect(emea.endpoint.value).toEqual({ url: regionUrl('emea', true), region: { name: 'emea', staging: true } });
    const below = await resolveLayers([
      { level: 'flag', kinds: ['staging'] },
      { level: 'env', kinds: ['endpoint'] },
      { level: 'profile', kinds: ['region'] },
    ]);
    expect(below.endpoint.value).toEqual({ url: regionUrl('na', true), region: { name: 'na', staging: true } });
  });

  it.each(LEVELS)('region and staging from the %s go together', async (level) => {
    const settings = await resolveLayers([{ level, kinds: ['region', 'staging'] }, ...(level === 'profile' ? [] : [{ level: 'profile' as const, kinds: ['endpoint' as const] }])]);
    expect(settings.endpoint).toEqual(expected(level, ['region', 'staging']));
    expect(settings.warnings).toEqual(
      level === 'profile' ? [] : [`${NAMES[level].region} and ${NAMES[level].staging} are ${level === 'flag' ? 'given' : 'set'}, so the profile "prod"'s endpoint is ignored`],
    );
  });

  it("IPS_JOBS_STAGING=0 alone beats the profile's endpoint, and says so", async () => {
    const t = await tempHome();
    await t.writeConfig({ defaultProfile: 'prod', profiles: { prod: { endpoint: 'https://gw.example.com/ips' } } });
    const settings = await resolveSettings({ flags: {}, env: { ...t.env, IPS_JOBS_STAGING: '0' } });
    expect(settings.endpoint.value).toEqual({ url: regionUrl('na', false), region: { name: 'na', staging: false } });
    expect(settings.warnings).toEqual(['IPS_JOBS_STAGING is set, so the profile "prod"\'s endpoint is ignored']);
  });

  it('names only the endpoint right below the deciding level: the higher endpoint beats the lower one anyway', async () => {
    const settings = await resolveLayers([
      { level: 'flag', kinds: ['staging'] },
      { level: 'env', kinds: ['endpoint'] },
      { level: 'profile', kinds: ['endpoint'] },
    ]);
    expect(settings.endpoint).toEqual(expected('flag', ['staging']));
    expect(settings.warnings).toEqual(['--staging is given, so IPS_JOBS_ENDPOINT is ignored']);
  });

  it.each([
    { level: 'flag' as const, warning: '--endpoint is given, so --region and --staging are ignored' },
    { level: 'env' as const, warning: 'IPS_JOBS_ENDPOINT is set, so IPS_JOBS_REGION and IPS_JOBS_STAGING are ignored' },
    { level: 'profile' as const, warning: 'profile "prod" sets "endpoint", so its "region" and "staging" are ignored' },
  ])('an endpoint from the $level beats its own region and staging, with a warning', async ({ level, warning }) => {
    const settings = await resolveLayers([{ level, kinds: ['endpoint', 'region', 'staging'] }]);
    expect(settings.endpoint).toEqual(expected(level, ['endpoint']));
    expect(settings.warnings).toEqual([warning]);
  });
});

describe('an endpoint given as', () => {
  it.each([
    ['a bare host', 'example.com', 'https://example.com/scene7/services/IpsApiService'],
    ['a host and port', 'example.com:8443', 'https://example.com:8443/scene7/services/IpsApiService'],
    ['a bare IPv6 address and port', '[::1]:8443', 'https://[::1]:8443/scene7/services/IpsApiService'],
    ['a host and /scene7/', 'example.com/scene7/', 'https://example.com/scene7/services/IpsApiService'],
    ['a base URL', 'https://example.com', 'https://example.com/scene7/services/IpsApiService'],
    ['a full URL', 'https://example.com/custom/ips', 'https://example.com/custom/ips'],
  ])('%s (%s) is the service URL %s', async (_what, given, url) => {
    const t = await tempHome();
    const settings = await resolveSettings({ flags: { endpoint: given }, env: t.env });
    expect(settings.endpoint).toEqual({ value: { url }, source: { kind: 'flag', name: '--endpoint' } });
  });
});
