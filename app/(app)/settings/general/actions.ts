'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { saveCompanySettings } from '@/lib/reference/company';
import { CompanySettingsInput } from '@/lib/reference/inputs';

export const saveGeneralSettingsAction = action({ input: CompanySettingsInput, permission: PERMISSION.generalSettings }, async (input) => {
  await saveCompanySettings(await getDb(), input);
  revalidatePath('/', 'layout');
  return null;
});
