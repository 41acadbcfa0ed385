import { connection, type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { can } from '@/lib/auth/permissions';
import { getSessionUser } from '@/lib/auth/session';
import { suggestProducts } from '@/lib/stock/product-lookup';

/**
 * SKU suggestions for the SKU inputs of stock documents (a `<datalist>`): a few products whose
 * SKU or name starts with `q`. Any stock-document permission may ask; the route checks the
 * session itself because proxy.ts only checks sign-in.
 */
export async function GET(req: NextRequest) {
  await connection();
  const user = await getSessionUser();
  if (!user) return Response.json({ error: 'Sign in first.' }, { status: 401 });
  if (!(['Products', 'Stock Adjustment', 'Stocktake', 'Stock Transfer'] as const).some((p) => can(user, p)))
    return Response.json({ error: 'Not allowed.' }, { status: 403 });
  const q = (req.nextUrl.searchParams.get('q') ?? '').slice(0, 100);
  const rows = await suggestProducts(await getDb(), q, 10);
  return Response.json(rows, { headers: { 'Cache-Control': 'no-store' } });
}
