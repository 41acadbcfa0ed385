import { z } from 'zod';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { getLatestSyncRun } from '@/lib/fba/inventory-sync';
import { route } from '@/lib/http/route';
import { Id } from '@/lib/validation/id';

/**
 * The Catalog's Force Sync progress: the connection's latest Catalog sync run (`{ run }`, the
 * shape every queued-run status route returns), polled every second while it is queued or running.
 */
export const GET = route(
  { access: PERMISSION.fba, params: z.object({ id: Id }), notFound: 'Unknown FBA connection.' },
  async ({ params }) => {
    const run = await getLatestSyncRun(await getDb(), params.id);
    return Response.json({ run }, { headers: { 'Cache-Control': 'no-store' } });
  },
);
