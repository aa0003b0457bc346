// Where the config file lives, and how paths are expanded and shown.

import os from 'node:os';
import path from 'node:path';
import { ENV, readEnv, type Env } from './env.js';

// HOME comes from the environment passed in; the OS answer only fills in when it is absent (e.g. on Windows).
function homeDir(env: Env): string {
  return readEnv(env, 'HOME') ?? os.homedir();
}

/** `$XDG_CONFIG_HOME/ips-jobs/config.json`, else `$HOME/.config/ips-jobs/config.json`. */
export function defaultConfigPath(env: Env): string {
  const xdg = readEnv(env, 'XDG_CONFIG_HOME');
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(homeDir(env), '.config');
  return path.join(base, 'ips-jobs', 'config.json');
}

/** `$XDG_CACHE_HOME/ips-jobs`, else `$HOME/.cache/ips-jobs`: what may be thrown away (shell completion's names). */
export function cacheDirectory(env: Env): string {
  const xdg = readEnv(env, 'XDG_CACHE_HOME');
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(homeDir(env), '.cache');
  return path.join(base, 'ips-jobs');
}

export interface ConfigLocation {
  path: string;
  /** Who named this file explicitly; a missing file is only worth a warning then. */
  namedBy?: string;
}

export function configLocation(env: Env, explicitPath?: string): ConfigLocation {
  if (explicitPath !== undefined) return { path: expandHome(explicitPath, env), namedBy: 'the command line' };
  const fromEnv = readEnv(env, ENV.config);
  if (fromEnv !== undefined) return { path: expandHome(fromEnv, env), namedBy: ENV.config };
  return { path: defaultConfigPath(env) };
}

/** `~` or `~/…` → HOME; `~user` forms are left alone. */
export function expandHome(filePath: string, env: Env): string {
  if (filePath === '~') return homeDir(env);
  if (filePath.startsWith('~/')) return path.join(homeDir(env), filePath.slice(2));
  return filePath;
}

/** The path with HOME shown as `~`, as users write it. */
export function displayPath(filePath: string, env: Env): string {
  const home = readEnv(env, 'HOME');
  if (home === undefined || home === path.sep) return filePath;
  const trimmedHome = home.endsWith(path.sep) ? home.slice(0, -1) : home;
  if (filePath === trimmedHome) return '~';
  if (filePath.startsWith(trimmedHome + path.sep)) return `~${filePath.slice(trimmedHome.length)}`;
  return filePath;
}
