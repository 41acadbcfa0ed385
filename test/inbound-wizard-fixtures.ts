// Fixtures for the inbound wizard's tests: a connection whose Setup has the contact person and
// ship-from, products mapped to the sandbox demo seller's SKUs, stock at a source location, and a
// way to let the drain and the sandbox clock run until Amazon has answered.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { fbaConnections, fbaListings, outbox } from '../db/schema';
import { drainOutboxUntilIdle } from '../lib/fulfilment/outbox-drain';
import type { ClientFor } from '../lib/fulfilment/tracking';
import { createAdjustment } from '../lib/stock/adjustments';
import { makeFbaConnection } from './fba-fixtures';
import { makeLocation, makeProduct } from './fixtures';

export const SHIP_FROM_SETUP = {
  contactName: 'Ada Lovelace',
  contactPhone: '+1 775 555 0100',
  contactEmail: 'ada@example.com',
  shipFromName: 'Demo Warehouse',
  shipFromLine1: '1 Depot Rd',
  shipFromCity: 'Reno',
  shipFromState: 'NV',
  shipFromPostalCode: '89501',
  shipFromCountry: 'US',
} as const;

let n = 0;

/**
 * A connection ready to send goods: Setup complete, `skus` (the sandbox's demo SKUs, or SKUs Amazon
 * does not know) mapped to new products that the source location holds `stock` of.
 */
export async function makeInboundSetup(db: Db, opts: { skus?: string[]; stock?: number; connection?: Partial<typeof fbaConnections.$inferInsert> } = {}) {
  const { conn, location: fba } = await makeFbaConnection(db, { ...SHIP_FROM_SETUP, ...opts.connection });
  const source = await makeLocation(db, `Main ${Date.now().toString(36)}${(n++).toString(36)}`);
  const products = [];
  for (const sku of opts.skus ?? ['DEMO-011', 'DEMO-012']) {
    const p = await makeProduct(db, { sku: `${sku}-P${Date.now().toString(36)}${(n++).toString(36)}`, unitCost: 25_000 });
    await db.insert(fbaListings).values({ connectionId: conn.id, sellerSku: sku, fnsku: `X00${sku.replace(/\W/g, '')}`.slice(0, 10), productId: p.id, mappedBy: 'manual', productName: `Product ${sku}` });
    products.push(p);
  }
  await createAdjustment(db, { reason: 'Opening stock', lines: products.map((p) => ({ sku: p.sku, locationId: source.id, binId: null, quantity: opts.stock ?? 100, unitCost: 25_000 })) }, null);
  return { conn, fba, source, products };
}

/**
 * Lets Amazon answer: drains the outbox, moves the sandbox clock past its operations (5 s) and our
 * clock past the poll delay, until nothing is left waiting for the subject.
 */
export async function settleInbound(db: Db, subjectId: string, env: { clientFor: ClientFor; sandbox: { advance: (s: number) => Promise<void> } }, clock: { offsetMs: number }) {
  for (let round = 0; round < 40; round++) {
    await drainOutboxUntilIdle(db, { workerId: 'inbound-test', clientFor: env.clientFor, now: () => new Date(Date.now() + clock.offsetMs), backoffBaseMs: 1_000 });
    const waiting = await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.subjectId, subjectId), inArray(outbox.status, ['pending', 'sending'])));
    if (waiting.length === 0) return;
    await env.sandbox.advance(6);
    clock.offsetMs += 31_000;
  }
  throw new Error('Amazon never answered (40 rounds)');
}
