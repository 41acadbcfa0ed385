import { NextRequest } from 'next/server';
import { absolute, findAppFiles } from './app-files';

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * A `fetch` that answers /api/… URLs with the route handlers on disk, in this process, as Next's
 * router would (static segments before dynamic ones; 404 for no route, 405 for no method). A script
 * written against the HTTP API runs unchanged in a test through it. The test file still mocks
 * '@/db' and 'next/server' as app/api/v1/api.db.test.ts does.
 */
export function inProcessFetch(): typeof fetch {
  const routes = findAppFiles('route.ts')
    .filter((f) => f.startsWith('app/api/'))
    .map((file) => {
      const segments = file.replace(/^app/, '').replace(/\/route\.ts$/, '').split('/').slice(1);
      const names = segments.flatMap((s) => (/^\[(\w+)\]$/.test(s) ? [s.slice(1, -1)] : []));
      const pattern = new RegExp(`^/${segments.map((s) => (/^\[\w+\]$/.test(s) ? '([^/]+)' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`);
      return { file, names, pattern, dynamic: names.length };
    })
    .sort((a, b) => a.dynamic - b.dynamic);
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new NextRequest(input instanceof Request ? input : String(input), init as ConstructorParameters<typeof NextRequest>[1]);
    for (const r of routes) {
      const m = r.pattern.exec(req.nextUrl.pathname);
      if (!m) continue;
      const mod = (await import(absolute(r.file))) as Record<string, Handler | undefined>;
      const handler = mod[req.method];
      if (!handler) return new Response(null, { status: 405 });
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      return handler(req, { params: Promise.resolve(params) });
    }
    return new Response(null, { status: 404 });
  }) as typeof fetch;
}
