'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { startAmazonAuthorisation } from '@/lib/fba/amazon-authorisation';
import { FbaAuthoriseInput } from '@/lib/fba/authorisation-inputs';
import { ManualConnectInput, StoreConnectInput } from '@/lib/fba/connection-inputs';
import { connectFba } from '@/lib/fba/connections';
import { callbackRedirectUri } from '../../amazon/callback/redirect-uri';

async function connectAndOpen(req: Parameters<typeof connectFba>[1], userId: string): Promise<never> {
  const conn = await connectFba(await getDb(), req, userId);
  revalidatePath('/integration/fba');
  revalidatePath('/settings/reference-books/locations');
  // Next step per the seed: configure Setup; the page says which location was attached.
  redirect(`/integration/fba/${conn.id}/setup?connected=1`);
}

export const connectManuallyAction = action({ input: ManualConnectInput, permission: PERMISSION.fba }, (input, { user }) => connectAndOpen(input, user.id));

export const connectFromStoreAction = action({ input: StoreConnectInput, permission: PERMISSION.fba }, (input, { user }) => connectAndOpen(input, user.id));

/** Connect with Amazon: records the attempt and sends the browser to Amazon's consent page. */
export const connectWithAmazonAction = action({ input: FbaAuthoriseInput, permission: PERMISSION.fba }, async (input, { user }) => {
  const consentUrl = await startAmazonAuthorisation(await getDb(), { purpose: 'fba', input }, { userId: user.id, redirectUri: await callbackRedirectUri() });
  redirect(consentUrl);
});
