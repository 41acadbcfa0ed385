'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { connectAmazonStore } from '@/lib/fba/amazon-stores';
import { AmazonStoreInput, FBA_PERMISSION, readAmazonStoreForm } from '@/lib/fba/connection-inputs';

export const connectAmazonStoreAction = action({ input: AmazonStoreInput, permission: FBA_PERMISSION, parse: readAmazonStoreForm }, async (input, { user }) => {
  const store = await connectAmazonStore(await getDb(), input, user.id);
  revalidatePath('/integration/amazon');
  return { name: store.name, amazonStoreName: store.amazonStoreName };
});
