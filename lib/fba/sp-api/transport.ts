import type { z } from 'zod';
import { SpApiErrorBody } from './models/common';
import { SP_API_OPERATIONS, buildOperationPath, type OperationName } from './models/operations';
import { SpApiError, isSpApiError } from './errors';
import type { LwaTokenCache } from './lwa';
import { TokenBucket } from './token-bucket';

export interface RetryPolicy {
  /** Attempts per call including the first (the retry budget). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per attempt; a slower answer is abandoned and retried. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000, timeoutMs: 30_000 };

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface CallInput {
  pathParams?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
}

/** What a test or a metrics hook may see of an exchange: never headers, so never a token. */
export interface ExchangeEvent {
  operation: OperationName;
  method: string;
  url: string;
  requestBody: unknown;
  status: number;
  requestId: string | null;
  responseBody: unknown;
  attempt: number;
  /** From sending the request to reading the whole answer (or giving up on it). */
  durationMs: number;
}

export interface TransportOptions {
  baseUrl: string;
  tokens: LwaTokenCache;
  fetchFn: typeof fetch;
  retry: RetryPolicy;
  /** Multiplies the published rates (a sandbox started with SANDBOX_RATE_SCALE). */
  rateScale: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onExchange?: (event: ExchangeEvent) => void;
}

export class SpApiTransport {
  private readonly buckets = new Map<OperationName, TokenBucket>();
  /** Amazon's clock minus ours, from the Date header of the last answer (second resolution). */
  private clockOffsetMs = 0;

  constructor(private readonly options: TransportOptions) {}

  /** Now by Amazon's clock, as its last answer dated it (ours before any answer). */
  serverNow(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  async call<S extends z.ZodType>(operation: OperationName, input: CallInput, schema: S): Promise<z.infer<S>> {
    const spec = SP_API_OPERATIONS[operation];
    const url = this.options.baseUrl + buildOperationPath(spec.path, input.pathParams) + serializeQuery(input.query);
    const bucket = this.bucketFor(operation);
    const { retry } = this.options;
    let refreshedToken = false;
    let attempt = 0;
    for (;;) {
      attempt += 1;
      let error: SpApiError;
      try {
        await bucket.take(this.options.sleep);
        return await this.attempt(operation, spec.method, url, input.body, schema, bucket, attempt);
      } catch (e) {
        if (!isSpApiError(e)) throw e;
        error = e;
      }
      // An expired or revoked access token is a 403 Unauthorized: exchange once more, then give up.
      if (error.status === 403 && error.operation !== 'lwa' && !refreshedToken) {
        refreshedToken = true;
        this.options.tokens.invalidate();
        attempt -= 1;
        continue;
      }
      if (error.status === 429) bucket.drain();
      // A 429 is refused before any work; after any other failure a non-repeatable call may have taken effect.
      const unknownOutcome = error.status !== 429 && 'repeatable' in spec && spec.repeatable === false;
      if (!error.retryable || unknownOutcome || attempt >= retry.maxAttempts) throw withAttempts(error, attempt);
      await this.options.sleep(this.backoffMs(attempt, error.status === 429 ? bucket.ratePerSecond : null));
    }
  }

  private async attempt<S extends z.ZodType>(
    operation: OperationName,
    method: string,
    url: string,
    body: unknown,
    schema: S,
    bucket: TokenBucket,
    attempt: number,
  ): Promise<z.infer<S>> {
    const token = await this.options.tokens.getAccessToken();
    let res: Response;
    let text: string;
    const started = performance.now();
    try {
      res = await this.options.fetchFn(url, {
        method,
        headers: {
          'x-amz-access-token': token,
          'x-amz-date': new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''),
          accept: 'application/json',
          'user-agent': 'fba-inventory/0.1 (Language=TypeScript)',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.retry.timeoutMs),
      });
      text = await res.text();
    } catch (e) {
      const timeout = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      // No answer is an exchange too (status 0): the audit log shows the calls that never came back.
      this.options.onExchange?.({ operation, method, url, requestBody: body, status: 0, requestId: null, responseBody: null, attempt, durationMs: performance.now() - started });
      throw new SpApiError({
        kind: timeout ? 'timeout' : 'network',
        operation,
        message: timeout ? `No answer within ${this.options.retry.timeoutMs} ms` : `Connection failed: ${describeCause(e)}`,
      });
    }
    const dated = Date.parse(res.headers.get('date') ?? '');
    if (Number.isFinite(dated)) this.clockOffsetMs = dated - Date.now();
    const requestId = res.headers.get('x-amzn-RequestId');
    const limit = Number(res.headers.get('x-amzn-RateLimit-Limit'));
    if (limit > 0) bucket.setRate(limit);
    const json = parseJson(text);
    this.options.onExchange?.({ operation, method, url, requestBody: body, status: res.status, requestId, responseBody: json, attempt, durationMs: performance.now() - started });
    if (!res.ok) throw toHttpError(operation, res.status, json, requestId);
    const parsed = schema.safeParse(json ?? {});
    if (!parsed.success) {
      throw new SpApiError({
        kind: 'invalid-response',
        operation,
        status: res.status,
        requestId,
        message: `Unexpected ${operation} response: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      });
    }
    return parsed.data;
  }

  private bucketFor(operation: OperationName): TokenBucket {
    let bucket = this.buckets.get(operation);
    if (!bucket) {
      const spec = SP_API_OPERATIONS[operation];
      bucket = new TokenBucket({ rate: spec.rate * this.options.rateScale, burst: spec.burst });
      this.buckets.set(operation, bucket);
    }
    return bucket;
  }

  /** Full jitter (AWS's advice for many clients); after a 429 never sooner than one refill interval. */
  private backoffMs(attempt: number, ratePerSecond: number | null): number {
    const { baseDelayMs, maxDelayMs } = this.options.retry;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    const jittered = this.options.random() * ceiling;
    const floor = ratePerSecond ? Math.min(maxDelayMs, 1000 / ratePerSecond) : 0;
    return Math.max(floor, jittered);
  }
}

function serializeQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    // Amazon's array parameters use collectionFormat csv.
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toHttpError(operation: OperationName, status: number, json: unknown, requestId: string | null): SpApiError {
  const parsed = SpApiErrorBody.safeParse(json);
  const first = parsed.success ? parsed.data.errors[0] : undefined;
  return new SpApiError({
    kind: 'http',
    operation,
    status,
    requestId,
    code: first?.code ?? null,
    details: first?.details || null,
    message: first?.message ?? `Amazon answered HTTP ${status}`,
  });
}

function withAttempts(error: SpApiError, attempts: number): SpApiError {
  if (error.attempts === attempts) return error;
  return new SpApiError({ ...error, kind: error.kind, operation: error.operation, message: error.message, attempts });
}

function describeCause(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: { code?: string } }).cause;
    return cause?.code ?? e.message;
  }
  return 'unknown error';
}
