import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { formatUtcDate } from '@/lib/format/date';
import { streamFulfilmentOrdersCsv } from '@/lib/fulfilment/fo-export';
import { readFoListParams } from '@/lib/fulfilment/fo-list';
import { route } from '@/lib/http/route';

/** Sale → Fulfilment Orders → Download: the list as filtered on the screen (status, connection, days, search), as CSV. */
export const GET = route({ access: PERMISSION.fba }, async ({ query }) => {
  const { status, connectionId, from, to, q } = readFoListParams(query);
  const date = formatUtcDate(new Date());
  return new Response(streamFulfilmentOrdersCsv(await getDb(), { status, connectionId, from, to, q }), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="fulfilment-orders-${date}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
