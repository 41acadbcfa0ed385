import { z } from 'zod';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { getFoView } from '@/lib/fulfilment/fo-view';
import { DomainError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { Id } from '@/lib/validation/id';

/**
 * The order page's live view: `{ order }`, the same shape the page renders first, polled by React
 * Query while a call to Amazon is pending or the order can still move.
 */
export const GET = route({ access: PERMISSION.fba, params: z.object({ id: Id }), notFound: 'Unknown fulfilment order.' }, async ({ params }) => {
  const order = await getFoView(await getDb(), params.id);
  if (!order) throw new DomainError('NOT_FOUND', 'Unknown fulfilment order.');
  return Response.json({ order }, { headers: { 'Cache-Control': 'no-store' } });
});
