import { z } from 'zod';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { route } from '@/lib/http/route';
import { getLatestStocktakeSync } from '@/lib/stocktake/fba-sync';
import { Id } from '@/lib/validation/id';

/**
 * A stocktake's Sync with FBA progress: its latest Sync run (`{ run }`, the shape every
 * queued-run status route returns), polled every second while it is queued or running. The
 * stocktake's own permission: counting at an FBA location needs no access to the connection.
 */
export const GET = route(
  { access: PERMISSION.stocktake, params: z.object({ id: Id }), notFound: 'Unknown stocktake.' },
  async ({ params }) => {
    const run = await getLatestStocktakeSync(await getDb(), params.id);
    return Response.json({ run }, { headers: { 'Cache-Control': 'no-store' } });
  },
);
