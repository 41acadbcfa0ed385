import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { saleLog } from '@/db/schema';
import { seedDraftSale, seedLocation, seedProduct } from '../support/seed';

/**
 * For bad-input.spec.ts: a place and products the refused forms point at. Every form there is
 * refused, so nothing here ever changes and any test may use it any number of times.
 *
 * And one damaged record, the failure on our side the error page is shown with: a sale whose log
 * holds a time PostgreSQL accepts but the product never writes ('infinity', as a hand-run UPDATE or a
 * bad restore could leave). Every input a user can type is checked before it reaches the database,
 * so damaged data is what is left to make a page fail. Only this sale's own page reads its log.
 */
export async function seed(db: Db) {
  const location = await seedLocation(db, 'Bad Input WH');
  const adjusted = await seedProduct(db, { sku: 'BADINPUT-ADJ', name: 'Bad input: adjustment reason' });
  const counted = await seedProduct(db, { sku: 'BADINPUT-COUNT', name: 'Bad input: stocktake line' });
  const searched = await seedProduct(db, { sku: 'BADINPUT-SEARCH', name: 'Bad input: list search' });
  const sold = await seedProduct(db, { sku: 'BADINPUT-DAMAGED', name: 'Bad input: damaged sale' });
  const damaged = await seedDraftSale(db, 'Bad Input Damaged Co', [{ sku: sold.sku, quantity: 1, price: 100, locationId: location.id }]);
  await db.insert(saleLog).values({ saleId: damaged.id, stage: 'Order', message: 'Damaged by hand', createdAt: sql`'infinity'::timestamptz` });
  return { location: location.name, adjustedSku: adjusted.sku, countedSku: counted.sku, searchedSku: searched.sku, damagedSaleId: damaged.id };
}

export type BadInputSeed = Awaited<ReturnType<typeof seed>>;
