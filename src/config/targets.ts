// The exporter's targets: each a profile of the config file, optionally with a company of its own. A target's
// settings come from its profile alone: the IPS_JOBS_* login, company and endpoint variables of the environment
// would otherwise give every target the same account.
import { readFile } from 'node:fs/promises';
import { loadConfigFile } from './config-file.js';
import { ENV, type Env } from './env.js';
import { ConfigError } from './errors.js';
import { configLocation, displayPath } from './paths.js';
import { resolveSettings } from './resolve.js';
import type { Settings } from './settings.js';

/** `prod`, `prod:c|1002` or `stage:Kestrel Outdoor`: a profile and, after the first colon, a company. */
export interface TargetSpec {
  /** As the user wrote it: the `target` label. */
  name: string;
  profile: string;
  company?: string;
}

export function parseTargetSpec(text: string): TargetSpec {
  const colon = text.indexOf(':');
  const profile = (colon === -1 ? text : text.slice(0, colon)).trim();
  const company = colon === -1 ? undefined : text.slice(colon + 1).trim();
  if (profile === '' || company === '') {
    throw new ConfigError(`target "${text}": expected <profile> or <profile>:<company>, e.g. prod or prod:c|1002`, { source: { kind: 'flag', name: '--target' } });
  }
  return { name: text, profile, ...(company !== undefined && { company }) };
}

/** The environment without the variables that choose an account, a company, an endpoint or a profile. */
function withoutAccountVariables(env: Env): Env {
  const account: readonly string[] = [ENV.username, ENV.password, ENV.passwordFile, ENV.company, ENV.region, ENV.endpoint, ENV.profile, ENV.staging];
  return Object.fromEntries(Object.entries(env).filter(([name]) => !account.includes(name)));
}

/** The settings of one target: its profile's, with the target's company when it names one. */
export async function resolveTargetSettings(spec: TargetSpec, env: Env, options: { strict?: boolean } = {}): Promise<Settings> {
  try {
    return await resolveSettings({
      flags: { profile: spec.profile, ...(spec.company !== undefined && { company: spec.company }), ...(options.strict && { strict: true }) },
      env: withoutAccountVariables(env),
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The profile and company came from --target, not from flags of their own: a target that does not resolve is
    // configuration (78), named by the target.
    throw new ConfigError(`target "${spec.name}": ${error.message.replace(/ \(from --(profile|company)\)/, '')}`, { cause: error });
  }
}

/** Every profile of the config file, in the file's order; none is a configuration error. */
export async function allProfileTargets(env: Env): Promise<TargetSpec[]> {
  const location = configLocation(env);
  const shown = displayPath(location.path, env);
  const file = await loadConfigFile(location.path, (filePath) => readFile(filePath, 'utf8'), shown);
  const names = [...(file?.profiles.keys() ?? [])];
  if (names.length === 0) throw new ConfigError(file === undefined ? `--all-profiles: config file ${shown} does not exist` : `--all-profiles: ${shown} has no profiles`);
  return names.map((profile) => ({ name: profile, profile }));
}
