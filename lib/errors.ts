export type ErrorCode =
  | 'NOT_FOUND'
  | 'DUPLICATE'
  | 'INVALID_INPUT'
  | 'INSUFFICIENT_STOCK'
  | 'INVALID_TRANSITION'
  | 'STALE_STATE'
  | 'EXTERNAL_LOCATION'
  | 'IN_USE'
  | 'FORBIDDEN';

/** An expected failure: its message is written for the user and is safe to show. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Optional per-field messages, keyed like the form's field names. */
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** PostgreSQL unique violation (23505) under either driver, optionally for one constraint. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  for (let err = e as { code?: string; constraint?: string; constraint_name?: string; cause?: unknown } | undefined; err; err = err.cause as typeof err) {
    if (err.code === '23505') return !constraint || (err.constraint ?? err.constraint_name) === constraint;
  }
  return false;
}
