import type { NextConfig } from 'next';
import { MAX_BODY_BYTES, PROXY_BUFFER_BYTES } from './lib/http/request-guards';
import { STATIC_SECURITY_HEADERS } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  // NEXT_DIST_DIR lets several checkouts' builds (or parallel e2e runs) live side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // PGlite ships WASM and must be loaded by Node, not bundled. rate-limiter-flexible imports
  // drizzle-orm by a name computed at run time, which only Node's own loader resolves; drizzle-orm
  // is left to Node too so the sign-in limiter and the app's queries share one copy of it.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'bcryptjs', '@react-pdf/renderer', 'bwip-js', 'rate-limiter-flexible', 'drizzle-orm'],
  poweredByHeader: false,
  // `npm test` type-checks the whole project first (tsc --noEmit); no need to do it twice per build.
  typescript: { ignoreBuildErrors: true },
  // Product CSV imports of ~100k rows arrive through a server action. The proxy refuses a larger
  // declared body with a 413; these keep any body within the limit whole (lib/http/request-guards).
  experimental: { serverActions: { bodySizeLimit: MAX_BODY_BYTES }, proxyClientMaxBodySize: PROXY_BUFFER_BYTES },
  // Files the proxy does not see (the build's static files) get the fixed security headers here;
  // the proxy adds the per-request Content-Security-Policy to everything else.
  async headers() {
    return [{ source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
