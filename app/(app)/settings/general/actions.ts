'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { saveCompanySettings, saveSalesProcess } from '@/lib/reference/company';
import { CompanySettingsInput } from '@/lib/reference/inputs';
import { SalesProcessInput } from '@/lib/sale/sale-inputs';

export const saveGeneralSettingsAction = action({ input: CompanySettingsInput, permission: PERMISSION.generalSettings }, async (input) => {
  await saveCompanySettings(await getDb(), input);
  revalidatePath('/', 'layout');
  return null;
});

/** Sales Process Customisation: Pick, Pack and Ship each Manual or Automatic. */
export const saveSalesProcessAction = action({ input: SalesProcessInput, permission: PERMISSION.generalSettings }, async (input) => {
  await saveSalesProcess(await getDb(), input);
  revalidatePath('/settings/general');
  return null;
});
