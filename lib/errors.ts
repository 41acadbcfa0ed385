export type ErrorCode =
  | 'NOT_FOUND'
  | 'DUPLICATE'
  | 'INVALID_INPUT'
  | 'INSUFFICIENT_STOCK'
  | 'INVALID_TRANSITION'
  | 'STALE_STATE'
  | 'EXTERNAL_LOCATION'
  | 'IN_USE'
  | 'FORBIDDEN'
  /** Amazon refused, failed or returned something unusable; the message carries Amazon's words. */
  | 'AMAZON_ERROR';

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

type PgError = { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };

/** The PostgreSQL error under either driver (Drizzle may wrap it in `cause`). */
function pgError(e: unknown, code: string): PgError | null {
  for (let err = e as PgError | undefined; err; err = err.cause as PgError | undefined) if (err.code === code) return err;
  return null;
}

/** Unique violation (23505), optionally for one constraint. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = pgError(e, '23505');
  return !!err && (!constraint || (err.constraint ?? err.constraint_name) === constraint);
}

/** Foreign-key violation (23503): the row is still referenced. */
export function isForeignKeyViolation(e: unknown): boolean {
  return pgError(e, '23503') !== null;
}
