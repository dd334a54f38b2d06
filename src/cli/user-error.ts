/** A mistake the user can fix: the CLI prints the message and exits 1, never a stack trace. */
export class UserError extends Error {
  override name = 'UserError';
}
