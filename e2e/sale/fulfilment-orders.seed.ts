import type { Db } from '@/db/client';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeFulfilmentOrder, makeSaleWithLines } from '@/test/fulfilment-fixtures';
import { seedProduct } from '../support/seed';

/**
 * For fulfilment-orders.spec.ts (the sale flow that makes fulfilment orders is another spec's):
 * fulfilment orders written directly, in every status, on one connection of this spec's own.
 * The orders the tests change (Void, Edit/Save, Process) come three of a kind, found by their SKU
 * and status, so a repeat of a test takes the next one still Queued. 52 Delivered orders of one
 * SKU fill more than a page. A sale with a line at the FBA location mapped to the sandbox demo
 * seller's DEMO-001 is what Amazon's preview is asked about.
 */
export async function seed(db: Db) {
  const connection = await makeFbaConnection(db, { name: 'FO Spec Amazon' });
  const product = async (sku: string, name: string) => {
    const p = await seedProduct(db, { sku, name });
    return { productId: p.id, sku };
  };
  const [two, a, b, page, voidable, editable, processable, st] = [
    await product('FOSPEC-TWO', 'Travel mug'),
    await product('FOSPEC-A', 'Tea towel'),
    await product('FOSPEC-B', 'Coaster set'),
    await product('FOSPEC-PAGE', 'Paging product'),
    await product('FOSPEC-VOID', 'Product to void'),
    await product('FOSPEC-EDIT', 'Product to edit'),
    await product('FOSPEC-PROC', 'Product to process'),
    await product('FOSPEC-ST', 'Status product'),
  ];
  const day = Date.parse('2026-02-01T09:00:00Z');
  const shipped = await makeFulfilmentOrder(db, {
    connection,
    status: 'Shipped',
    amazonStatus: 'Complete',
    createdAt: new Date(day),
    customerName: 'Harbour Goods',
    comment: 'Thank you for shopping with us!',
    shippingSpeed: 'Expedited',
    items: [
      { ...two, quantity: 3, shipped: 3 },
      { ...a, quantity: 1, shipped: 1 },
    ],
    packages: [
      { carrier: 'UPS', tracking: '1ZFOSPEC0001', lines: [{ lineNo: 1, quantity: 2 }], deliveredAt: new Date(day + 3 * 86_400_000) },
      { carrier: 'USPS', tracking: '9400FOSPEC0002', lines: [{ lineNo: 1, quantity: 1 }, { lineNo: 2, quantity: 1 }] },
    ],
    log: ['Process: sending to Amazon (to ship).', 'Sent to Amazon: accepted (Received).', 'Shipped: package 1 UPS 1ZFOSPEC0001, package 2 USPS 9400FOSPEC0002.'],
  });
  for (let i = 0; i < 52; i++) await makeFulfilmentOrder(db, { connection, status: 'Delivered', createdAt: new Date(day - (i + 1) * 3_600_000), items: [{ ...page, quantity: 1, shipped: 1 }] });
  for (let i = 0; i < 3; i++) {
    // Voided by two tests (one watches it live from a second tab), so twice as many.
    await makeFulfilmentOrder(db, { connection, status: 'Queued', items: [{ ...voidable, quantity: 1 }] });
    await makeFulfilmentOrder(db, { connection, status: 'Queued', items: [{ ...voidable, quantity: 1 }] });
    await makeFulfilmentOrder(db, { connection, status: 'Queued', items: [{ ...editable, quantity: 2 }] });
    await makeFulfilmentOrder(db, { connection, status: 'Queued', items: [{ ...processable, quantity: 1 }] });
  }
  const byStatus: Record<string, string> = {};
  for (const status of ['Queued', 'On Hold', 'Shipped', 'Completed', 'Delivered', 'Cancelled', 'Failed'] as const) {
    const made = await makeFulfilmentOrder(db, {
      connection,
      status,
      items: [{ ...st, quantity: 1 }, { ...b, quantity: 1 }],
      lastError: status === 'Failed' ? "Amazon said: The destination address is invalid: 00000 is not a postal code of Seattle, WA (InvalidInput)" : null,
    });
    byStatus[status] = made.fo.id;
  }
  const demo = await product('FOSPEC-PREVIEW', 'Demo product 001 (DEMO-001 at Amazon)');
  const previewSale = await makeSaleWithLines(db, {
    lines: [{ productId: demo.productId, locationId: connection.location.id, quantity: 2 }],
    picked: true,
    shippingOption: 'Expedited',
    listings: [{ connectionId: connection.conn.id, productId: demo.productId, sellerSku: 'DEMO-001' }],
  });
  return {
    connection: connection.conn.name,
    shippedId: shipped.fo.id,
    shippedNumber: shipped.fo.number,
    shippedSale: shipped.sale.number,
    byStatus,
    previewSaleId: previewSale.id,
  };
}

export type FulfilmentOrdersSeed = Awaited<ReturnType<typeof seed>>;
