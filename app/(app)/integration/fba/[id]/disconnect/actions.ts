'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { ConnectionIdInput } from '@/lib/fba/connection-inputs';
import { disconnectFba } from '@/lib/fba/connections';

export const disconnectFbaAction = action({ input: ConnectionIdInput, permission: PERMISSION.fba }, async ({ id }, { user }) => {
  await disconnectFba(await getDb(), id, user.id);
  revalidatePath('/integration/fba', 'layout');
  revalidatePath('/settings/reference-books/locations');
  redirect(`/integration/fba/${id}/setup?disconnected=1`);
});
