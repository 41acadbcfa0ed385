import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { rowsOf } from '@/db/driver';
import { products } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeProduct } from '@/test/fixtures';
import { searchProducts } from './products';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
  await makeProduct(db, { sku: 'TRGM-1', name: 'Insulated travel mug, midnight blue' });
  await makeProduct(db, { sku: 'TRGM-2', name: 'Tea towel' });
});

describe('product search by a word in the name', () => {
  it('finds the word anywhere in the name, any case', async () => {
    const found = await db.select({ sku: products.sku }).from(products).where(searchProducts('TRAVEL'));
    expect(found.map((p) => p.sku)).toEqual(['TRGM-1']);
  });

  it('can be answered by the trigram index instead of reading every product (pg_trgm, on both databases)', async () => {
    // With a handful of rows the planner rightly reads the table; forbidding that shows the index can serve the search.
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return rowsOf<{ 'QUERY PLAN': string }>(await tx.execute(sql`EXPLAIN SELECT id FROM products WHERE ${searchProducts('travel')}`))
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    });
    expect(plan).toContain('products_name_trgm_idx');
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
