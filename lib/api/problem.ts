/**
 * Errors of the public API as RFC 9457 problem details (`application/problem+json`): `title` says
 * what kind of problem, `detail` this occurrence in words a developer can act on, and `errors`
 * one entry per refused field, `pointer` a JSON Pointer into the request (RFC 9457 §3's example
 * extension) or `parameter` for a query parameter.
 */
export type FieldProblem = { detail: string; pointer?: string; parameter?: string };

export type Problem = { type: string; title: string; status: number; detail: string; errors?: FieldProblem[]; reference?: string };

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorised',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
};

export function problem(status: number, detail: string, extra: { errors?: FieldProblem[]; reference?: string; headers?: Record<string, string> } = {}): Response {
  const body: Problem = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail };
  if (extra.errors?.length) body.errors = extra.errors;
  if (extra.reference) body.reference = extra.reference;
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...extra.headers } });
}

/** A zod issue's path as a JSON Pointer (RFC 6901: "~" and "/" escaped). */
export function pointerOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '';
  return '/' + path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

/** One of the API's own refusals, raised inside a handler (the wrapper turns it into problem details). */
const API_REFUSAL = Symbol.for('inventory.api-refusal');
export class ApiRefusal extends Error {
  readonly [API_REFUSAL] = true;
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldProblem[],
  ) {
    super(message);
  }
}

export const isApiRefusal = (e: unknown): e is ApiRefusal => typeof e === 'object' && e !== null && API_REFUSAL in e;

