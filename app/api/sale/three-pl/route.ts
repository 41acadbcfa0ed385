import { z } from 'zod';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { csvStream } from '@/lib/csv/write';
import { formatUtcDate } from '@/lib/format/date';
import { jsonError, route } from '@/lib/http/route';
import { THREE_PL_HEADER, threePlRows } from '@/lib/sale/three-pl';

/** Sale → Sales → 3PL Shipment List: the sales ready to ship from one location, as CSV. */
export const GET = route({ access: PERMISSION.sale }, async ({ query }) => {
  const location = z.uuid().safeParse(query.location);
  if (!location.success) return jsonError(400, { error: 'Choose a location.' });
  const db = await getDb();
  const rows = await threePlRows(db, location.data);
  async function* batches() {
    yield rows;
  }
  return new Response(csvStream(THREE_PL_HEADER, batches()), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="3pl-shipment-list-${formatUtcDate(new Date())}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
