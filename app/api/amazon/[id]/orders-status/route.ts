import { z } from 'zod';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { getLatestOrdersRun } from '@/lib/channel/order-download';
import { route } from '@/lib/http/route';
import { Id } from '@/lib/validation/id';

/** The Orders tab's Download orders progress: the store's latest 'orders' run (`{ run }`), polled while it is queued or running. */
export const GET = route({ access: PERMISSION.fba, params: z.object({ id: Id }), notFound: 'Unknown Amazon store.' }, async ({ params }) => {
  const run = await getLatestOrdersRun(await getDb(), params.id);
  return Response.json({ run }, { headers: { 'Cache-Control': 'no-store' } });
});
