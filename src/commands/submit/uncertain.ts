// A submitJob that may have reached IPS although no answer was read: never retried, never called "probably failed".
import { ExitCode } from '../../exit-codes.js';

export class SubmitUncertainError extends Error {
  override name = 'SubmitUncertainError';
  readonly exitCode = ExitCode.service;
}
