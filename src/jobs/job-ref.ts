// Naming a job on the command line: a handle or a name (or glob), and which names a name answers to. Which job a
// reference picks (the newest of that name, ambiguity, --since) is follow/selection.ts's.
import type { ActiveJob } from '../ips/types.js';
import { globToRegExp } from './glob.js';

/** The key a job is followed by: its handle, else (a server that left it out) its name. */
export function jobKey(job: ActiveJob): string {
  return job.jobHandle ?? job.name ?? job.originalName ?? '';
}

/** Handles carry `|` (`j|1001||Spring-Publish|54091`); names never need one. */
export function looksLikeHandle(ref: string): boolean {
  return ref.includes('|');
}

export function hasGlob(ref: string): boolean {
  return /[*?]/.test(ref);
}

/** Whether a job's name or original name answers to `ref` (a glob when it holds * or ?). */
export function nameMatches(ref: string, ...names: Array<string | undefined>): boolean {
  if (hasGlob(ref)) {
    const pattern = globToRegExp(ref);
    return names.some((name) => name !== undefined && pattern.test(name));
  }
  return names.some((name) => name === ref);
}
