import type { OperationName } from './models/operations';

export type SpApiErrorKind =
  | 'http' // Amazon answered with an error status and body
  | 'auth' // LWA refused the credentials
  | 'timeout' // no answer within the per-attempt timeout
  | 'network' // connection refused/reset
  | 'invalid-response'; // a 2xx body that does not match the model (zod)

/**
 * Every failure of the client. Keeps Amazon's own code, message and request id so the caller can
 * show them (an FO log line) and support can quote the id to Amazon. Never holds a token.
 */
/**
 * Marks an SpApiError however many copies of this module a bundle holds: the production build puts
 * the worker's drain (instrumentation) and the pages in different chunks, and `instanceof` against
 * another chunk's class is false — a 400 was then taken for an unknown error and retried.
 */
const SP_API_ERROR = Symbol.for('fba-inventory.SpApiError');

export class SpApiError extends Error {
  readonly [SP_API_ERROR] = true;
  readonly kind: SpApiErrorKind;
  readonly operation: OperationName | 'lwa';
  readonly status: number | null;
  readonly code: string | null;
  readonly details: string | null;
  readonly requestId: string | null;
  readonly attempts: number;

  constructor(init: {
    kind: SpApiErrorKind;
    operation: OperationName | 'lwa';
    message: string;
    status?: number | null;
    code?: string | null;
    details?: string | null;
    requestId?: string | null;
    attempts?: number;
  }) {
    super(init.message);
    this.name = 'SpApiError';
    this.kind = init.kind;
    this.operation = init.operation;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.details = init.details ?? null;
    this.requestId = init.requestId ?? null;
    this.attempts = init.attempts ?? 1;
  }

  /** 429, 5xx, timeouts and network errors may succeed later; 4xx validation errors never will. */
  get retryable(): boolean {
    if (this.kind === 'timeout' || this.kind === 'network') return true;
    if (this.kind !== 'http' || this.status === null) return false;
    return this.status === 429 || this.status >= 500;
  }
}

export function isSpApiError(value: unknown): value is SpApiError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SP_API_ERROR] === true;
}
