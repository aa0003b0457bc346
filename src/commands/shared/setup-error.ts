// What stops a run that is neither a bug of ours nor IPS's doing: this machine's setup. An address a flag names that
// cannot be listened on (exporter --listen, emulator --host/--port), a file a flag names that cannot be written
// (check --junit), standard output that cannot be written (a full disk). Node's own error (EADDRINUSE, ENOENT, …) becomes one line naming the address or the path, the
// reason and the fix, where it happens; describe-error.ts gives it exit 78 (sysexits' EX_CONFIG: retrying does not
// help, a systemd unit may list it in RestartPreventExitStatus=), or 75 (EX_TEMPFAIL) when it may clear by itself:
// a port another process holds (an exporter still stopping), a name server that did not answer.
import path from 'node:path';

export class SetupError extends Error {
  override name = 'SetupError';
  readonly temporary: boolean;
  constructor(message: string, options: { temporary?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.temporary = options.temporary === true;
  }
}

/** The error code and system call of a Node system error; undefined for anything else. */
function systemError(error: unknown): { code: string; syscall?: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || !/^E[A-Z0-9_]+$/.test(code)) return undefined;
  return { code, syscall: typeof syscall === 'string' ? syscall : undefined };
}

/** Where a server listens, as the user wrote it: `127.0.0.1:9464`, `[::1]:9464`. */
function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Why an address cannot be listened on, what to do, and whether it may clear by itself. */
function listenReason(code: string, host: string, port: number): { reason: string; temporary?: boolean } {
  const example = 'e.g. 127.0.0.1';
  switch (code) {
    case 'EADDRINUSE':
      return { reason: 'another process is listening there; stop it or give another port', temporary: true };
    case 'EACCES':
    case 'EPERM':
      return port > 0 && port < 1024
        ? { reason: 'permission denied (a port below 1024 needs root or CAP_NET_BIND_SERVICE); give a port from 1024 up' }
        : { reason: 'permission denied; give another address or port' };
    case 'EADDRNOTAVAIL':
      return { reason: `${host} is not an address of this machine; give one of its addresses, ${example}` };
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return { reason: `the host name ${host} does not resolve; give an address of this machine, ${example}` };
    case 'EAI_AGAIN':
      return { reason: `the host name ${host} could not be looked up now; try again later, or give an address of this machine`, temporary: true };
    default:
      return { reason: `${code}; give another address or port` };
  }
}

/**
 * A server that could not start listening on `host:port` (named by `flag`): a SetupError saying why. Any other
 * error (not a failed listen or look-up of the address) is returned as it is.
 */
export function listenFailure(error: unknown, flag: string, host: string, port: number): unknown {
  const failure = systemError(error);
  if (!failure || (failure.syscall !== 'listen' && failure.syscall !== 'bind' && failure.syscall !== 'getaddrinfo')) return error;
  const { reason, temporary } = listenReason(failure.code, host, port);
  return new SetupError(`cannot listen on ${hostPort(host, port)} (${flag}): ${reason}`, { temporary, cause: error });
}

/** Why a file cannot be written, and what to do. */
function writeReason(code: string, file: string): string {
  const directory = path.dirname(file);
  switch (code) {
    case 'ENOENT':
      return `its directory ${directory} does not exist: create it, or give another path`;
    case 'ENOTDIR':
      return `${directory} is not a directory: give another path`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: give a path this user may write';
    case 'EISDIR':
      return 'it is a directory: give a file name';
    case 'EROFS':
      return 'the file system is read-only: give another path';
    case 'ENOSPC':
      return 'no space left on the device: free some, or give another path';
    case 'EDQUOT':
      return 'the disk quota is exceeded: free some, or give another path';
    default:
      return `${code}: give another path`;
  }
}

/** A file named by `flag` that could not be written: a SetupError naming it and why; any other error as it is. */
export function writeFailure(error: unknown, flag: string, file: string): unknown {
  const failure = systemError(error);
  if (!failure) return error;
  return new SetupError(`cannot write ${flag} ${file}: ${writeReason(failure.code, file)}`, { cause: error });
}

/** Standard output that could not be written (a full disk, /dev/full): what to say. EPIPE never gets here. */
export function standardOutputFailure(error: unknown): SetupError {
  const code = systemError(error)?.code;
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? `${code === 'ENOSPC' ? 'no space left on the device' : 'the disk quota is exceeded'}: free some, or send it elsewhere`
      : `${code ?? (error instanceof Error ? error.message : String(error))}: send it elsewhere`;
  return new SetupError(`cannot write standard output: ${reason}`, { cause: error });
}
