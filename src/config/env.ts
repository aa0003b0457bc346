// The environment variables the config layer reads, and how it reads them.

export type Env = Record<string, string | undefined>;

export const ENV = {
  username: 'IPS_JOBS_USERNAME',
  password: 'IPS_JOBS_PASSWORD',
  passwordFile: 'IPS_JOBS_PASSWORD_FILE',
  company: 'IPS_JOBS_COMPANY',
  region: 'IPS_JOBS_REGION',
  endpoint: 'IPS_JOBS_ENDPOINT',
  profile: 'IPS_JOBS_PROFILE',
  staging: 'IPS_JOBS_STAGING',
  config: 'IPS_JOBS_CONFIG',
} as const;

// An empty variable counts as unset, so `IPS_JOBS_PROFILE= ips-jobs …` switches a setting off for one run.
export function readEnv(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}
