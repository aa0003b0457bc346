// Every error a run can end with → one line naming the problem and what to do, and its exit code.
import { CommanderError } from 'commander';
import { ConfigError } from '../../config/index.js';
import { ExitCode } from '../../exit-codes.js';
import {
  AuthenticationError,
  AuthorizationError,
  IpsApiFaultError,
  IpsError,
  ProtocolError,
  TransportError,
} from '../../ips/errors.js';
import { certificateProblem } from '../../ips/tls-failure.js';
import { ProxyError } from '../../ips/proxy-error.js';
import { incompleteInstallMessage } from './incomplete-install.js';
import { internalErrorMessage } from './internal-error.js';
import { StateFileError } from '../check/state-file.js';
import { SubmitUncertainError } from '../submit/uncertain.js';
import { SetupError } from './setup-error.js';
import { UsageError } from './usage-error.js';

export interface DescribedError {
  exitCode: number;
  message: string;
}

function where(error: IpsError): string {
  return error.operation ? ` (${error.operation})` : '';
}

function host(error: IpsError): string {
  if (!error.endpoint) return 'IPS';
  try {
    return new URL(error.endpoint).host;
  } catch {
    return error.endpoint;
  }
}

const CERTIFICATE_HINTS = {
  untrusted:
    "If it is signed by your organisation's own certificate authority (or a TLS-inspecting proxy), pass that CA with --ca-file <pem> (or NODE_EXTRA_CA_CERTS); certificate checks cannot be turned off.",
  hostname: 'Check --endpoint/--region: the certificate belongs to another host.',
  expired: "Check this machine's clock; otherwise the server's certificate needs renewing.",
} as const;

function transportHint(error: TransportError): string {
  if (error.failure === 'timeout') return 'Try again, or allow more time with --request-timeout.';
  if (error.cause instanceof ProxyError) return 'Check the proxy (HTTPS_PROXY) and NO_PROXY, then try again.';
  if (error.failure === 'tls') {
    const problem = certificateProblem(error.cause);
    return problem ? CERTIFICATE_HINTS[problem] : 'Check the endpoint and the certificate chain.';
  }
  return 'Check --endpoint/--region and the network, then try again.';
}

export function describeError(error: unknown): DescribedError {
  if (error instanceof UsageError) return { exitCode: ExitCode.usage, message: error.message };
  if (error instanceof CommanderError) {
    return { exitCode: ExitCode.usage, message: error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ') };
  }
  if (error instanceof StateFileError) return { exitCode: error.temporary ? ExitCode.tempFail : ExitCode.config, message: error.message };
  // This machine's setup (an address that cannot be listened on, a file that cannot be written): 75 when it may clear.
  if (error instanceof SetupError) return { exitCode: error.temporary ? ExitCode.tempFail : ExitCode.config, message: error.message };
  if (error instanceof SubmitUncertainError) return { exitCode: error.exitCode, message: error.message };
  if (error instanceof ConfigError) {
    // A bad flag value is a usage error; a bad environment or file value is configuration.
    const exitCode = error.source?.kind === 'flag' ? ExitCode.usage : ExitCode.config;
    return { exitCode, message: error.message };
  }
  if (error instanceof AuthenticationError) {
    return {
      exitCode: ExitCode.auth,
      message: `login refused by ${host(error)}: ${error.reason} (authenticationFault ${error.code ?? '?'}). Check the username (--username, IPS_JOBS_USERNAME) and the password source (IPS_JOBS_PASSWORD, --password-file, --password-stdin).`,
    };
  }
  if (error instanceof AuthorizationError) {
    return {
      exitCode: ExitCode.auth,
      message: `not authorised${where(error)}: ${error.reason} (authorizationFault ${error.code ?? '?'}). Check --company and this user's role in it.`,
    };
  }
  if (error instanceof IpsApiFaultError) {
    return {
      exitCode: ExitCode.service,
      message: `IPS rejected the request${where(error)}: ${error.reason} (ipsApiFault ${error.code ?? '?'}). Try again; if it persists, report it with --debug output.`,
    };
  }
  if (error instanceof TransportError) {
    return { exitCode: ExitCode.service, message: `cannot reach ${host(error)}${where(error)}: ${error.message}. ${transportHint(error)}` };
  }
  if (error instanceof ProtocolError) {
    const hint =
      error.failure === 'too-large'
        ? 'Narrow the request, or raise --max-response-size.'
        : 'The service may be failing or the endpoint may not be IPS; try again later or check --endpoint.';
    return {
      exitCode: ExitCode.service,
      message: `unexpected answer from ${host(error)}${where(error)}: ${error.message}. ${hint}`,
    };
  }
  if (error instanceof IpsError) {
    return { exitCode: ExitCode.service, message: `${error.message}${where(error)}` };
  }
  const incomplete = incompleteInstallMessage(error);
  if (incomplete) return { exitCode: ExitCode.config, message: incomplete };
  // Anything else is a bug of ours.
  return { exitCode: ExitCode.internal, message: internalErrorMessage(error) };
}

