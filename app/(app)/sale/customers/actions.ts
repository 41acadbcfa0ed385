'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { CustomerInput } from '@/lib/catalog/customer-inputs';
import { saveCustomer } from '@/lib/catalog/customers';

const PATH = '/sale/customers';

export const saveCustomerAction = action({ input: CustomerInput, permission: PERMISSION.customers }, async (input) => {
  const saved = await saveCustomer(await getDb(), input);
  revalidatePath(PATH);
  if (saved.created) redirect(`${PATH}/${saved.id}?created=1`);
  return { name: saved.name };
});
