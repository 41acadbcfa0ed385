import type { Db } from '@/db/client';
import { seedLocation, seedProduct } from '../support/seed';

/**
 * For bad-input.spec.ts: a place and products the refused forms point at. Every form there is
 * refused, so nothing here ever changes and any test may use it any number of times.
 */
export async function seed(db: Db) {
  const location = await seedLocation(db, 'Bad Input WH');
  const adjusted = await seedProduct(db, { sku: 'BADINPUT-ADJ', name: 'Bad input: adjustment reason' });
  const counted = await seedProduct(db, { sku: 'BADINPUT-COUNT', name: 'Bad input: stocktake line' });
  const searched = await seedProduct(db, { sku: 'BADINPUT-SEARCH', name: 'Bad input: list search' });
  return { location: location.name, adjustedSku: adjusted.sku, countedSku: counted.sku, searchedSku: searched.sku };
}

export type BadInputSeed = Awaited<ReturnType<typeof seed>>;
