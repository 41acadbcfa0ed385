import { z } from 'zod';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { DomainError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { returnReasonCodes } from '@/lib/returns/fo-returns';
import { Id } from '@/lib/validation/id';

/**
 * Amazon's return reason codes for a shipped line of the order (`?sku=` its seller SKU):
 * `{ reasons: [{ code, description }] }`, asked of Amazon (listReturnReasonCodes) while the form
 * waits; Amazon's refusal comes back as `{ error }` in Amazon's words.
 */
export const GET = route({ access: PERMISSION.fba, params: z.object({ id: Id }), notFound: 'Unknown fulfilment order.' }, async ({ params, query }) => {
  const sku = typeof query.sku === 'string' ? query.sku.trim() : '';
  if (!sku || sku.length > 200) throw new DomainError('INVALID_INPUT', 'Name the seller SKU of a line of the order.');
  const reasons = await returnReasonCodes(await getDb(), params.id, sku);
  return Response.json({ reasons }, { headers: { 'Cache-Control': 'no-store' } });
});
