import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { route } from '@/lib/http/route';
import { streamProductsCsv } from '@/lib/catalog/product-export';

/** Products as CSV, streamed in batches. */
export const GET = route({ access: PERMISSION.products }, async () => {
  const date = new Date().toISOString().slice(0, 10);
  return new Response(streamProductsCsv(await getDb()), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="products-${date}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
