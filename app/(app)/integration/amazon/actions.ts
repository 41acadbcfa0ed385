'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { startAmazonAuthorisation } from '@/lib/fba/amazon-authorisation';
import { connectAmazonStore } from '@/lib/fba/amazon-stores';
import { AmazonStoreAuthoriseInput } from '@/lib/fba/authorisation-inputs';
import { AmazonStoreInput, readAmazonStoreForm } from '@/lib/fba/connection-inputs';
import { callbackRedirectUri } from './callback/redirect-uri';

/** Connect with Amazon: records the attempt and sends the browser to Amazon's consent page. */
export const connectStoreWithAmazonAction = action({ input: AmazonStoreAuthoriseInput, permission: PERMISSION.fba, parse: readAmazonStoreForm }, async (input, { user }) => {
  const consentUrl = await startAmazonAuthorisation(await getDb(), { purpose: 'store', input }, { userId: user.id, redirectUri: await callbackRedirectUri() });
  redirect(consentUrl);
});

export const connectAmazonStoreAction = action({ input: AmazonStoreInput, permission: PERMISSION.fba, parse: readAmazonStoreForm }, async (input, { user }) => {
  const store = await connectAmazonStore(await getDb(), input, user.id);
  revalidatePath('/integration/amazon');
  return { name: store.name, amazonStoreName: store.amazonStoreName };
});
