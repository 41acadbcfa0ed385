// What differs between the two drivers (postgres.js and PGlite), kept beside the client that picks
// one, so code above db/ writes each query once and never inspects a driver's result or error shape.

/** `execute` returns an array (postgres.js) or `{ rows }` (PGlite). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

type PgError = { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };

/** The PostgreSQL error under either driver (Drizzle may wrap it in `cause`). */
function pgError(e: unknown, code: string): PgError | null {
  for (let err = e as PgError | undefined; err; err = err.cause as PgError | undefined) if (err.code === code) return err;
  return null;
}

/** Unique violation (23505), optionally for one constraint (PGlite names it `constraint`, postgres.js `constraint_name`). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = pgError(e, '23505');
  return !!err && (!constraint || (err.constraint ?? err.constraint_name) === constraint);
}

/** Foreign-key violation (23503): the row is still referenced. */
export function isForeignKeyViolation(e: unknown): boolean {
  return pgError(e, '23503') !== null;
}
