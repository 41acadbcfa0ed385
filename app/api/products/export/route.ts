import { connection } from 'next/server';
import { getDb } from '@/db';
import { can } from '@/lib/auth/permissions';
import { getSessionUser } from '@/lib/auth/session';
import { streamProductsCsv } from '@/lib/catalog/product-export';

/** Products as CSV, streamed in batches. The route checks the session itself: proxy.ts only checks sign-in. */
export async function GET() {
  await connection();
  const user = await getSessionUser();
  if (!user) return Response.json({ error: 'Sign in first.' }, { status: 401 });
  if (!can(user, 'Products')) return Response.json({ error: 'Not allowed: you need the Products permission.' }, { status: 403 });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(streamProductsCsv(await getDb()), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="products-${date}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
