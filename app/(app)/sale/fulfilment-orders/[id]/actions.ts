'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { FoReturnInput } from '@/lib/returns/fo-return-inputs';
import { requestFoReturn } from '@/lib/returns/fo-returns';

/**
 * Request return on the order page: the return items (Requested) and the outbox row that asks
 * Amazon (createFulfillmentReturn) in one transaction; the page then follows Amazon's answer live.
 */
export const requestFoReturnAction = action({ input: FoReturnInput, permission: PERMISSION.fba }, async ({ id, ...req }, { user }) => {
  const rows = await (await getDb()).transaction((tx) => requestFoReturn(tx, { orderId: id, ...req }, user.id));
  revalidatePath(`/sale/fulfilment-orders/${id}`);
  return { id, items: rows.length };
});
