import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { formatUtcDate } from '@/lib/format/date';
import { route } from '@/lib/http/route';
import { streamProductsCsv } from '@/lib/catalog/product-export';

/** Products as CSV, streamed in batches. */
export const GET = route({ access: PERMISSION.products }, async () => {
  const date = formatUtcDate(new Date());
  return new Response(streamProductsCsv(await getDb()), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="products-${date}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
