'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { ForceSyncInput, MapListingInput } from '@/lib/fba/listing-inputs';
import { requestInventorySync } from '@/lib/fba/inventory-sync';
import { mapListing } from '@/lib/fba/listings';
import { queueProductLabels } from '@/lib/labels/documents';
import { ProductLabelsInput } from '@/lib/labels/label-inputs';

const permission = PERMISSION.fba;

/** Records the intent only: the worker's drain calls Amazon (never the web request). */
export const forceSyncAction = action({ input: ForceSyncInput, permission }, async (input, { user }) => {
  const run = await requestInventorySync(await getDb(), input.connectionId, 'force', user.id);
  return { runId: run.id };
});

export const mapListingAction = action({ input: MapListingInput, permission }, async (input) => {
  const result = await mapListing(await getDb(), input);
  revalidatePath(`/integration/fba/${input.connectionId}/catalog`);
  return result;
});

/** Print product labels: queues one product-label document for the worker; the page follows its progress. */
export const printProductLabelsAction = action({ input: ProductLabelsInput, permission }, async (input, { user }) => {
  const doc = await queueProductLabels(await getDb(), input, user.id);
  revalidatePath(`/integration/fba/${input.connectionId}/catalog`);
  return { documentId: doc.id, total: doc.total ?? 0 };
});
