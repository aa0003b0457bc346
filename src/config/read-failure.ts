// Turns a failed file read into words, from the error code alone: an error message could quote file content.

export type ReadTextFile = (path: string) => Promise<string>;

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** ENOENT, or a path through something that is not a directory: the file simply is not there. */
export function isMissingFile(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

const REASONS: Record<string, string> = {
  ENOENT: 'it does not exist',
  ENOTDIR: 'it does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
};

export function readFailureReason(error: unknown): string {
  const code = errorCode(error);
  if (code === undefined) return 'unknown error';
  return REASONS[code] ?? code;
}
