import { z } from 'zod';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { getFoView } from '@/lib/fulfilment/fo-view';
import { DomainError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { foReturnsOf } from '@/lib/returns/fo-returns';
import { Id } from '@/lib/validation/id';

/**
 * The order page's live view: `{ order, returns }`, the same shapes the page renders first, polled
 * by React Query while a call to Amazon is pending, the order can still move, or a return is open.
 */
export const GET = route({ access: PERMISSION.fba, params: z.object({ id: Id }), notFound: 'Unknown fulfilment order.' }, async ({ params }) => {
  const db = await getDb();
  const [order, returns] = await Promise.all([getFoView(db, params.id), foReturnsOf(db, params.id)]);
  if (!order) throw new DomainError('NOT_FOUND', 'Unknown fulfilment order.');
  return Response.json({ order, returns }, { headers: { 'Cache-Control': 'no-store' } });
});
