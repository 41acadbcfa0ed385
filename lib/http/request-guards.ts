import { MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL } from './limits';

/** Room around the largest file for the multipart envelope: boundaries, part headers, the form's other fields. */
export const MULTIPART_ALLOWANCE_BYTES = 1024 * 1024;

/** The largest request body accepted at all; Next's server action limit is this too. */
export const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + MULTIPART_ALLOWANCE_BYTES;

/**
 * How much of a body Next buffers for the proxy. Above MAX_BODY_BYTES, so a body without a
 * Content-Length that is too large meets Next's own 413 before the buffer would cut it short
 * (a cut body is what the multipart parser reported as "Unexpected end of form").
 */
export const PROXY_BUFFER_BYTES = MAX_BODY_BYTES + 64 * 1024;

export const BODY_TOO_LARGE_MESSAGE = `The upload is larger than ${MAX_UPLOAD_LABEL}. Split the file into smaller ones and upload them one at a time.`;
export const FOREIGN_ORIGIN_MESSAGE = 'This request came from another website and was refused.';

/** The body announced by Content-Length is more than the app accepts: refuse it before anyone parses it. */
export function declaresTooLargeBody(headers: Headers): boolean {
  const declared = headers.get('content-length');
  if (declared === null || !/^\d+$/.test(declared.trim())) return false;
  return Number(declared) > MAX_BODY_BYTES;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The public API answers only to a bearer key in the Authorization header, never to the session
 * cookie, so a page on another site cannot make a browser write with anyone's rights there: the
 * origin rule below does not apply (another company's system or shop front may call it).
 */
const BEARER_ONLY_PATH = /^\/api\/v1(\/|$)/;

/**
 * A state-changing request that a page on another origin made the browser send (the user's
 * cookies ride along). Mirrors the check Next.js makes on server actions, which answers such a
 * request with a 500: the host compared is X-Forwarded-Host's first entry, else Host. A request
 * without Origin is not from a page on another site (browsers send it on every cross-origin
 * POST), as Next also assumes. Paths of the public API are exempt (BEARER_ONLY_PATH).
 */
export function isForeignOriginWrite(method: string, headers: Headers, pathname = '/'): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (BEARER_ONLY_PATH.test(pathname)) return false;
  const origin = headers.get('origin');
  if (origin === null) return false;
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  if (!host) return true;
  try {
    const url = new URL(origin);
    return url.origin === 'null' || url.host !== host;
  } catch {
    return true; // "null" (a sandboxed frame, a file) or garbage
  }
}
