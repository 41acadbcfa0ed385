'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { ForceSyncInput, MapListingInput } from '@/lib/fba/listing-inputs';
import { requestInventorySync } from '@/lib/fba/inventory-sync';
import { mapListing } from '@/lib/fba/listings';

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
