// The resolved settings of one run, each value paired with where it came from (for `config show` and errors).

import type { CompanySpec } from './company.js';
import type { Secret } from './secret.js';
import type { EndpointSetting } from './endpoint.js';
import type { Setting } from './setting.js';

/** name: '--username', 'IPS_JOBS_USERNAME', '~/.config/ips-jobs/config.json profile "prod"', 'default', … */
export interface Settings {
  profile?: Setting<string>;
  username?: Setting<string>;
  password?: Setting<Secret>;
  company?: Setting<CompanySpec>;
  /**
   * Where to connect, from the levels as a whole (--endpoint/--region/--staging, IPS_JOBS_*, the profile, the default);
   * its source names all that picked it, and a region host's `sources` where its region and its staging each came from.
   */
  endpoint: EndpointSetting;
  /** The config file looked at, found or not. */
  configPath: string;
  /** `configPath` as messages show it, with `~` for HOME. */
  configPathShown: string;
  configFileFound: boolean;
  /** Things worth telling the user that do not stop the run (unknown keys, a named config file that is missing). */
  warnings: string[];
}
