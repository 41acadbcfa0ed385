/** A fresh, unguessable nonce for one response's scripts and styles. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * The Content-Security-Policy of one response. Next.js reads the nonce back from this header on
 * the request and puts it on its own scripts; 'strict-dynamic' lets those load the page's chunks.
 * Development needs 'unsafe-eval' (React rebuilds server stacks with eval there) and inline styles
 * (the dev overlay); production gets neither.
 */
export function contentSecurityPolicy(opts: { nonce: string; dev: boolean; https: boolean; formActions?: readonly string[] }): string {
  const { nonce, dev, https, formActions = [] } = opts;
  const directives = [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets a page compile WebAssembly (the camera scanner's barcode reader, served
    // from this origin), and nothing else: JavaScript eval stays refused.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ''}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    // A style="" attribute (a progress bar's width) cannot run code; <style> elements still need the nonce.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Forms post here; a post answered by a redirect elsewhere (Connect with Amazon) needs that origin listed.
    ["form-action 'self'", ...formActions].join(' '),
    "frame-ancestors 'none'",
    // Only over HTTPS: on a plain-http install it would send the browser to an https port that isn't there.
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/**
 * The headers every response carries, static files included (next.config.ts sets them there; the
 * proxy sets them on what it answers itself).
 */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Paths name documents and connections; other sites need not see them.
  { key: 'Referrer-Policy', value: 'same-origin' },
  // frame-ancestors does this for current browsers; this header covers older ones.
  { key: 'X-Frame-Options', value: 'DENY' },
];

export function applySecurityHeaders(headers: Headers, csp: string): void {
  headers.set('Content-Security-Policy', csp);
  for (const { key, value } of STATIC_SECURITY_HEADERS) headers.set(key, value);
}
