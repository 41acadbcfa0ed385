'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { AdjustmentInput, parseAdjustmentForm, VoidAdjustmentInput } from '@/lib/stock/adjustment-inputs';
import { createAdjustment, voidAdjustment } from '@/lib/stock/adjustments';

const BASE = '/inventory/stock-adjustments';
const permission = PERMISSION.stockAdjustment;

export const createAdjustmentAction = action({ input: AdjustmentInput, permission, parse: parseAdjustmentForm }, async (input, { user }) => {
  const doc = await createAdjustment(await getDb(), input, user.id);
  revalidatePath(BASE);
  revalidatePath('/inventory/stock-on-hand');
  redirect(`${BASE}/${doc.id}?created=1`);
});

export const voidAdjustmentAction = action({ input: VoidAdjustmentInput, permission }, async (input, { user }) => {
  const doc = await voidAdjustment(await getDb(), input.id, user.id);
  revalidatePath(BASE);
  revalidatePath(`${BASE}/${input.id}`);
  revalidatePath('/inventory/stock-on-hand');
  redirect(`${BASE}/${doc.id}?voided=1`);
});
