import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { route } from '@/lib/http/route';
import { suggestProducts } from '@/lib/stock/product-lookup';

/**
 * SKU suggestions for the SKU inputs of stock documents (a `<datalist>`): a few products whose
 * SKU or name starts with `q`. Any stock-document permission may ask.
 */
export const GET = route({ access: [PERMISSION.products, PERMISSION.stockAdjustment, PERMISSION.stocktake, PERMISSION.stockTransfer] }, async ({ query }) => {
  const rows = await suggestProducts(await getDb(), (query.q ?? '').slice(0, 100), 10);
  return Response.json(rows, { headers: { 'Cache-Control': 'no-store' } });
});
