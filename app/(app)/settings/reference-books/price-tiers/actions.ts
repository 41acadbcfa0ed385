'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { PriceTierNamesInput } from '@/lib/catalog/price-tier-inputs';
import { savePriceTierNames } from '@/lib/catalog/price-tiers';

export const savePriceTiersAction = action({ input: PriceTierNamesInput, permission: PERMISSION.referenceBooks }, async (names) => {
  await savePriceTierNames(await getDb(), names);
  revalidatePath('/settings/reference-books/price-tiers');
  return null;
});
