'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { CreateApiKeyInput, RevokeApiKeyInput } from '@/lib/api/key-inputs';
import { createApiKey, revokeApiKey } from '@/lib/api/keys';

export const createApiKeyAction = action({ input: CreateApiKeyInput, permission: 'administrator' }, async (input, { user }) => {
  const created = await createApiKey(await getDb(), user.id, input);
  revalidatePath('/settings/api-keys');
  return created;
});

export const revokeApiKeyAction = action({ input: RevokeApiKeyInput, permission: 'administrator' }, async (input) => {
  const { name } = await revokeApiKey(await getDb(), input.id);
  revalidatePath('/settings/api-keys');
  return { name };
});
