import { z } from 'zod';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { route } from '@/lib/http/route';
import { getLatestInboundRun } from '@/lib/inbound/status-download';
import { Id } from '@/lib/validation/id';

/**
 * The Inbound Shipments tab's Download progress: the connection's latest 'inbound' run (`{ run }`,
 * the shape every queued-run status route returns), polled every second while it is queued or running.
 */
export const GET = route(
  { access: PERMISSION.fba, params: z.object({ id: Id }), notFound: 'Unknown FBA connection.' },
  async ({ params }) => {
    const run = await getLatestInboundRun(await getDb(), params.id);
    return Response.json({ run }, { headers: { 'Cache-Control': 'no-store' } });
  },
);
