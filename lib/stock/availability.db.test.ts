import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { stockLevels } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeBin, makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { createAdjustment } from './adjustments';
import { assertAvailable } from './availability';

let db: Db;
let userId: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  userId = (await makeUser(db)).id;
});

const check = (req: Parameters<typeof assertAvailable>[1]) => db.transaction((tx) => assertAvailable(tx, req));

describe('assertAvailable (the pick rule)', () => {
  it('passes while on hand − allocated covers the quantity, per bin', async () => {
    const loc = await makeLocation(db, 'Main Warehouse Avail');
    const [a, b] = [await makeBin(db, loc.id, 'A-01'), await makeBin(db, loc.id, 'B-01')];
    const p = await makeProduct(db, { sku: 'AV-1' });
    await createAdjustment(db, { reason: 'In', lines: [{ sku: p.sku, locationId: loc.id, binId: a.id, quantity: 5, unitCost: 100 }] }, userId);
    expect(await check({ productId: p.id, locationId: loc.id, binId: a.id, quantity: 5 })).toEqual({ available: 5 });
    await expect(check({ productId: p.id, locationId: loc.id, binId: a.id, quantity: 6 })).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      message: 'Only 5 of SKU AV-1 are available at Main Warehouse Avail › A-01: 6 units needed.',
    });
    await expect(check({ productId: p.id, locationId: loc.id, binId: b.id, quantity: 1 })).rejects.toMatchObject({
      message: 'None of SKU AV-1 is available at Main Warehouse Avail › B-01: 1 unit needed.',
    });
    // Allocated units (to other sales) are not available.
    await db.update(stockLevels).set({ allocated: 4 }).where(and(eq(stockLevels.productId, p.id), eq(stockLevels.binId, a.id)));
    await expect(check({ productId: p.id, locationId: loc.id, binId: a.id, quantity: 2 })).rejects.toMatchObject({ message: expect.stringMatching(/^Only 1 of SKU AV-1 is available/) });
    expect(await check({ productId: p.id, locationId: loc.id, binId: a.id, quantity: 1 })).toEqual({ available: 1 });
  });

  it('at an external (FBA) location, refuses with the way to sync the quantities', async () => {
    const { location } = await makeFbaConnection(db);
    const p = await makeProduct(db, { sku: 'AV-FBA' });
    await createAdjustment(db, { reason: 'Synced', lines: [{ sku: p.sku, locationId: location.id, binId: null, quantity: 3, unitCost: 100 }] }, userId);
    await expect(check({ productId: p.id, locationId: location.id, binId: null, quantity: 5 })).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      message: expect.stringMatching(
        new RegExp(`^Only 3 of SKU AV-FBA are available at ${location.name} \\(FBA\\): 5 units needed\\. .*sync the quantities first \\(Inventory → Stocktake → ${location.name} → Start → Sync → Complete\\)\\.$`),
      ),
    });
    expect(await check({ productId: p.id, locationId: location.id, binId: null, quantity: 3 })).toEqual({ available: 3 });
  });

  it('refuses nonsense quantities and unknown places', async () => {
    const loc = await makeLocation(db);
    const p = await makeProduct(db);
    await expect(check({ productId: p.id, locationId: loc.id, binId: null, quantity: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(check({ productId: p.id, locationId: loc.id, binId: null, quantity: 1.5 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(check({ productId: p.id, locationId: '00000000-0000-4000-8000-000000000000', binId: null, quantity: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
