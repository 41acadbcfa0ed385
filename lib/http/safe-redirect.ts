/** A base no real request can have, so anything that resolves elsewhere names another origin. */
const PLACEHOLDER = 'http://same-origin.invalid';

// Browsers drop tabs and newlines anywhere in a URL and read `\` as `/`, so `/\evil.example` and
// `/<TAB>/evil.example` both become `//evil.example`: another host. Refuse them rather than guess.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

/**
 * The same-origin path (with its query and fragment) that a "next" URL such as sign-in's
 * `callbackUrl` may send the browser to, or `fallback` when it could lead anywhere else. An
 * absolute URL is accepted only when it names exactly one of our own `origin`s (next-auth hands
 * those around), and is reduced to its path. Every place that follows such a URL goes through here.
 */
export function safeNextPath(raw: unknown, opts: { origin?: string | readonly string[]; fallback?: string } = {}): string {
  const fallback = opts.fallback ?? '/';
  if (typeof raw !== 'string' || raw === '' || raw.length > 2048 || UNSAFE_CHARACTERS.test(raw)) return fallback;
  let candidate = raw;
  if (!raw.startsWith('/')) {
    const absolute = parseUrl(raw);
    const own = [opts.origin ?? []].flat().map((o) => parseUrl(o)?.origin);
    if (!absolute || absolute.origin === 'null' || !own.includes(absolute.origin)) return fallback;
    candidate = absolute.pathname + absolute.search + absolute.hash;
  }
  // Resolve it the way the browser will, then look at what it became.
  const url = parseUrl(candidate, PLACEHOLDER);
  if (!url || url.origin !== PLACEHOLDER) return fallback;
  const path = url.pathname + url.search + url.hash;
  // Dot segments can collapse into a leading `//` (`/.//evil.example`), which is another host again.
  if (!path.startsWith('/') || path.startsWith('//')) return fallback;
  return path;
}

function parseUrl(value: string, base?: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}
