export const ERROR_CODES = [
  'NOT_FOUND',
  'DUPLICATE',
  'INVALID_INPUT',
  'INSUFFICIENT_STOCK',
  'INVALID_TRANSITION',
  'STALE_STATE',
  'EXTERNAL_LOCATION',
  'IN_USE',
  'FORBIDDEN',
  /** Amazon refused, failed or returned something unusable; the message carries Amazon's words. */
  'AMAZON_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** An expected failure: its message is written for the user and is safe to show. */
/** Recognises a DomainError from any copy of this module (a bundle may hold several; see SpApiError). */
const DOMAIN_ERROR = Symbol.for('fba-inventory.DomainError');

export class DomainError extends Error {
  readonly [DOMAIN_ERROR] = true;
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

/**
 * An expected failure whose message may be shown. The code is checked at run time too: code that
 * re-wraps any caught error as `new DomainError(e.code, e.message)` would otherwise turn a database
 * error (its code a SQLSTATE or undefined, its message the SQL and its parameters) into a message
 * shown on the page.
 */
export function isDomainError(e: unknown): e is DomainError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[DOMAIN_ERROR] === true && (ERROR_CODES as readonly string[]).includes((e as DomainError).code);
}

// No 0/O or 1/I/L: a reference is read aloud or typed from a screenshot.
const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A short reference for one unexpected error, `XXXX-XXXX`, shown to the user and written to the log. */
export function newErrorReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const chars = [...bytes].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

type Described = { name?: string; message?: string; code?: string; stack?: string; query?: string; params?: unknown; cause?: unknown };

/**
 * The error and its causes for the log, without Drizzle's `params` line: those are the values the
 * user sent (names, addresses, perhaps a token about to be encrypted), which the log must not hold.
 */
export function describeForLog(e: unknown): string {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  for (let err = e as Described | undefined; err && !seen.has(err) && lines.length < 20; err = err.cause as Described | undefined) {
    seen.add(err);
    if (typeof err !== 'object') {
      lines.push(`thrown: ${String(err)}`);
      break;
    }
    const message = typeof err.query === 'string' ? `Failed query: ${err.query}` : String(err.message ?? '').replace(/\nparams: [\s\S]*$/, '');
    lines.push(`${lines.length ? 'caused by ' : ''}${err.name ?? 'Error'}${err.code ? ` [${err.code}]` : ''}: ${message}`);
    if (lines.length === 1) lines.push(...(err.stack ?? '').split('\n').filter((l) => l.startsWith('    at ')).slice(0, 15));
  }
  return lines.join('\n');
}

/**
 * Logs an unexpected error with a fresh reference and returns the reference for the user's screen.
 * `where` names the action or route; the user id says whom to ask. Form values are never logged.
 */
export function reportUnexpected(e: unknown, context: { where: string; userId?: string | null }): string {
  const reference = newErrorReference();
  console.error(`[error ${reference}] in ${context.where}, user ${context.userId ?? 'none'}\n${describeForLog(e)}`);
  return reference;
}

export const unexpectedMessage = (reference: string) =>
  `Something went wrong on our side. Reference: ${reference}. Try again; if it keeps happening, give this reference to your administrator.`;
