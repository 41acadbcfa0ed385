import { z } from 'zod';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { DomainError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { getInboundView } from '@/lib/inbound/inbound-view';
import { Id } from '@/lib/validation/id';

/** The shipment page's live view, `{ inbound }`: polled while Amazon works on a step. */
export const GET = route({ access: PERMISSION.fba, params: z.object({ id: Id, inboundId: Id }), notFound: 'Unknown inbound shipment.' }, async ({ params }) => {
  const inbound = await getInboundView(await getDb(), params.inboundId);
  if (!inbound || inbound.connection.id !== params.id) throw new DomainError('NOT_FOUND', 'Unknown inbound shipment.');
  return Response.json({ inbound }, { headers: { 'Cache-Control': 'no-store' } });
});
