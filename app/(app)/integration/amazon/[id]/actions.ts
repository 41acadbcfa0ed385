'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { requestOrdersDownload } from '@/lib/channel/order-download';
import { StoreOrdersSetupInput } from '@/lib/channel/store-inputs';
import { saveStoreOrdersSetup } from '@/lib/channel/store-setup';
import { Id } from '@/lib/validation/id';

const permission = PERMISSION.fba;

export const saveStoreSetupAction = action({ input: StoreOrdersSetupInput, permission }, async (input) => {
  await saveStoreOrdersSetup(await getDb(), input);
  revalidatePath(`/integration/amazon/${input.storeId}`, 'layout');
  return { saved: true };
});

/** Download orders: records the intent only; the worker's drain reads Amazon (never the web request). */
export const downloadOrdersAction = action({ input: z.object({ storeId: Id }), permission }, async (input, { user }) => {
  const run = await requestOrdersDownload(await getDb(), input.storeId, 'force', user.id);
  return { runId: run.id };
});
