// A mistake in how the command was called: exit 2, with what to do instead.
export class UsageError extends Error {
  override name = 'UsageError';
}
