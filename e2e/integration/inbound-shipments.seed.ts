import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { inboundAmazonShipments, inboundReceipts, inboundShipmentLines, inboundShipments } from '@/db/schema';
import { createAdjustment } from '@/lib/stock/adjustments';
import { createTransfer, shipTransfer } from '@/lib/stock/transfers';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { seedLocation, seedProduct } from '../support/seed';

/** The spec's tests change what this makes: a copy per attempt (e2e/support/seeds.ts). */
export const perAttempt = true;

/**
 * For inbound-shipments.spec.ts: a connection (no Amazon calls: our rows only, as the wizard leaves
 * a confirmed shipment) with three shipments on three UTC days from two locations, and a fourth
 * that only the X test deletes. Amazon's ids are the rows' own; Download is covered against the
 * sandbox by lib/inbound/status-download.db.test.ts.
 */
export async function seed(db: Db) {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const { conn, location: fba } = await makeFbaConnection(db, { sellerId: `AE2EINB${run}`, name: `Inbound E2E ${run}` });
  const north = await seedLocation(db, `Inbound North Depot ${run}`);
  const south = await seedLocation(db, `Inbound South Depot ${run}`);
  const product = await seedProduct(db, { sku: `INBOUND-E2E-${run}`, name: 'Inbound e2e product' });
  await createAdjustment(db, { reason: 'Inbound e2e stock', lines: [{ sku: product.sku, locationId: north.id, binId: null, quantity: 100, unitCost: 10_000 }, { sku: product.sku, locationId: south.id, binId: null, quantity: 100, unitCost: 10_000 }] }, null);
  const made: { id: string; transferId: string; transferNumber: string; from: string; day: string; fba: string }[] = [];
  const specs = [
    { from: north, day: '2026-04-01', qty: 5, charge: 1234, fbaId: `FBAE2E${run}01` },
    { from: south, day: '2026-04-03', qty: 7, charge: 2050, fbaId: `FBAE2E${run}02` },
    { from: north, day: '2026-04-05', qty: 3, charge: null, fbaId: `FBAE2E${run}03` },
    { from: south, day: '2026-04-06', qty: 4, charge: 990, fbaId: `FBAE2E${run}04` },
  ];
  for (const s of specs) {
    const tr = await createTransfer(db, { from: { locationId: s.from.id, binId: null }, to: { locationId: fba.id, binId: null }, lines: [{ productId: product.id, quantity: s.qty }] }, null);
    await shipTransfer(db, tr.id, null);
    const at = new Date(`${s.day}T09:30:00Z`);
    const [row] = await db
      .insert(inboundShipments)
      .values({ connectionId: conn.id, transferId: tr.id, name: `${tr.number} from ${s.from.name}`, status: 'Ready to Ship', step: 'done', shipFrom: { name: s.from.name }, inboundPlanId: `wf-e2e-${s.fbaId}`, estimatedCharges: s.charge, currency: 'USD', createdAt: at, updatedAt: at, confirmedAt: at })
      .returning();
    await db.insert(inboundShipmentLines).values({ inboundId: row.id, lineNo: 1, productId: product.id, sellerSku: product.sku, quantity: s.qty });
    const [am] = await db.insert(inboundAmazonShipments).values({ inboundId: row.id, shipmentId: `sh-e2e-${s.fbaId}`, confirmationId: s.fbaId, warehouseId: 'ABE2', amazonStatus: 'READY_TO_SHIP', partnered: s.charge !== null, charge: s.charge, currency: 'USD' }).returning();
    await db.insert(inboundReceipts).values({ amazonShipmentId: am.id, lineNo: 1, shipped: s.qty });
    made.push({ id: row.id, transferId: tr.id, transferNumber: tr.number, from: s.from.name, day: s.day, fba: s.fbaId });
  }
  return { connectionId: conn.id, fbaLocation: fba.name, sku: product.sku, shipments: made };
}

export type InboundShipmentsSeed = Awaited<ReturnType<typeof seed>>;
