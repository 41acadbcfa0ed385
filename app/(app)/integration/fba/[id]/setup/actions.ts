'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { saveConnectionSetup } from '@/lib/fba/setup';
import { SetupInput } from '@/lib/fba/setup-inputs';

export const saveSetupAction = action({ input: SetupInput, permission: PERMISSION.fba }, async (input, { user }) => {
  const res = await saveConnectionSetup(await getDb(), input, user.id);
  revalidatePath(`/integration/fba/${input.id}`, 'layout');
  return res;
});
