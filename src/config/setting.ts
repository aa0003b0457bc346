// One setting's value and where it came from (a flag, the environment, the config file, a default, stdin): the
// source names it in messages ("--company", "IPS_JOBS_COMPANY", "profile prod in config.json").

export type SettingSource = { kind: 'flag' | 'env' | 'file' | 'default' | 'stdin'; name: string };

export interface Setting<T> {
  value: T;
  source: SettingSource;
}
