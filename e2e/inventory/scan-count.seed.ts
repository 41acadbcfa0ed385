import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { products } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { code128 } from '@/lib/labels/barcode';
import { binScanCode } from '@/lib/labels/bin-code';
import { createAdjustment } from '@/lib/stock/adjustments';
import { listBinsOf } from '@/lib/stock/places';
import { labelVideo } from '../support/camera-video';
import { seedLocation, seedProduct } from '../support/seed';

/** The spec's tests change what this makes: a copy per attempt (e2e/support/seeds.ts). */
export const perAttempt = true;

type ScanSeedPlace = { location: string; sku: string; barcode: string; other: string; a2Code: string; a2Id: string };

/**
 * For scan-count.spec.ts: one warehouse per test (each test starts its own stocktake there), with
 * bins and two products in stock (one with a manufacturer barcode); and a video of a
 * printed label for the camera test.
 */
export async function seed(db: Db) {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const out: Record<string, ScanSeedPlace> = {};
  for (const key of ['wedge', 'offline', 'two', 'camera', 'early']) {
    const loc = await seedLocation(db, `Scan ${key} ${run}`, ['A-01', 'A-02']);
    const sku = `SCN-${key.toUpperCase()}-${run}`;
    const other = `SCN-${key.toUpperCase()}-B-${run}`;
    const barcode = `40063813${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
    const p = await seedProduct(db, { sku, name: `Scan widget ${key}`, unitCost: '1.00' });
    await db.update(products).set({ barcode }).where(eq(products.id, p.id));
    await seedProduct(db, { sku: other, name: `Scan gadget ${key}`, unitCost: '1.00' });
    const [a1, a2] = await listBinsOf(db, loc.id);
    await createAdjustment(
      db,
      {
        reason: 'Scan e2e stock',
        lines: [
          { sku, locationId: loc.id, binId: a1.id, quantity: 5, unitCost: 10_000 },
          { sku, locationId: loc.id, binId: a2.id, quantity: 3, unitCost: 10_000 },
          { sku: other, locationId: loc.id, binId: a1.id, quantity: 1, unitCost: 10_000 },
        ],
      },
      null,
    );
    out[key] = { location: loc.name, sku, barcode, other, a2Code: binScanCode(a2), a2Id: a2.id };
  }
  // The camera test's phone sees a printed Code 128 label of its product's SKU.
  const video = await labelVideo({ barcode: code128(out.camera.sku), heading: out.camera.sku, detail: 'Scan widget camera' }, `scan-camera-${run}`);
  return { ...(out as Record<'wedge' | 'offline' | 'two' | 'camera' | 'early', ScanSeedPlace>), video };
}

export type ScanCountSeed = Awaited<ReturnType<typeof seed>>;
