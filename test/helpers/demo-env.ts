// The environment that logs a child CLI into an emulator as the demo user: one definition for every
// integration test. `company` is the demo company's name (resolved with getCompanyInfo) or its handle.
import { DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';

export function demoEnv(
  emulator: Pick<Emulator, 'url'>,
  options: { company?: 'name' | 'handle' } = {},
  extra: Record<string, string | undefined> = {},
): Record<string, string> {
  const env: Record<string, string | undefined> = {
    IPS_JOBS_ENDPOINT: emulator.url,
    IPS_JOBS_USERNAME: DEMO_CREDENTIALS.username,
    IPS_JOBS_PASSWORD: DEMO_CREDENTIALS.password,
    IPS_JOBS_COMPANY: options.company === 'name' ? DEMO_CREDENTIALS.company : DEMO_CREDENTIALS.companyHandle,
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

type AddJob = Parameters<Emulator['ips']['addJob']>[0];

/** `submit(options)`: a job with a name of its own (`<prefix>-<n>`), submitted now on the virtual clock. */
export function jobSubmitter(getEmulator: () => Emulator, prefix: string, defaults: Partial<AddJob>) {
  let serial = 0;
  return (options: Partial<AddJob> = {}) => {
    serial += 1;
    return getEmulator().ips.addJob({ originalName: `${prefix}-${serial}`, type: 'ImageServingPublish', waitMs: 0, files: 20, ...defaults, ...options });
  };
}
