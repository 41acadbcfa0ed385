'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { parseTransferForm, TransferInput, TransferMoveInput } from '@/lib/stock/transfer-inputs';
import { createTransfer, receiveTransfer, shipTransfer, voidTransfer } from '@/lib/stock/transfers';

const BASE = '/inventory/stock-transfer';
const permission = PERMISSION.stockTransfer;

function refresh(id: string) {
  revalidatePath(BASE);
  revalidatePath(`${BASE}/${id}`);
  revalidatePath('/inventory/stock-on-hand');
}

export const createTransferAction = action({ input: TransferInput, permission, parse: parseTransferForm }, async (input, { user }) => {
  const doc = await createTransfer(await getDb(), input, user.id);
  revalidatePath(BASE);
  redirect(`${BASE}/${doc.id}`);
});

/** Ship, Receive or Void, from the status the user saw (a compare-and-set refuses stale pages). */
export const moveTransferAction = action({ input: TransferMoveInput.extend({ move: TransferMoveInput.shape.from.exclude(['Draft']) }), permission }, async (input, { user }) => {
  const db = await getDb();
  const doc =
    input.move === 'In Transit'
      ? await shipTransfer(db, input.id, user.id)
      : input.move === 'Completed'
        ? await receiveTransfer(db, input.id, user.id)
        : await voidTransfer(db, input.id, input.from, user.id);
  refresh(input.id);
  // The page re-renders with other buttons, so the confirmation travels in the URL.
  redirect(`${BASE}/${doc.id}?done=${encodeURIComponent(input.move)}`);
});
