'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { CreateUserInput, readUserForm, UpdateUserAccessInput } from '@/lib/auth/inputs';
import { PERMISSION } from '@/lib/auth/permissions';
import { createUser, updateUserAccess } from '@/lib/auth/users';

export const createUserAction = action({ input: CreateUserInput, permission: PERMISSION.users, parse: readUserForm }, async (input) => {
  await createUser(await getDb(), input);
  revalidatePath('/settings/users');
  return { email: input.email };
});

export const updateUserAccessAction = action({ input: UpdateUserAccessInput, permission: PERMISSION.users, parse: readUserForm }, async (input, { user }) => {
  await updateUserAccess(await getDb(), user.id, input);
  revalidatePath('/settings/users');
  return null;
});
