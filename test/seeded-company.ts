import type { Db } from '../db/client';
import { bootstrap } from '../scripts/lib/bootstrap';
import { seedDemo } from '../scripts/lib/seed-demo';
import { makeFulfilmentOrder, makeSaleWithLines } from './fulfilment-fixtures';
import { makeInboundSetup } from './inbound-wizard-fixtures';

/**
 * A company with a bit of everything, for tests that roam over every action: the administrator and
 * price tiers (`npm start`'s bootstrap), the demo company (locations, bins, products, customers,
 * opening stock, a warehouse user), an FBA connection with Setup done and mapped listings, a
 * delivered fulfilment order with its sale, and an authorised sale.
 */
export async function seedCompany(db: Db) {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');
  await bootstrap(db, { adminEmail: 'admin@example.com', adminPassword: 'a-long-enough-password' });
  await seedDemo(db);
  const inbound = await makeInboundSetup(db);
  await makeFulfilmentOrder(db, { connection: { conn: inbound.conn, location: inbound.fba }, status: 'Delivered', items: [{ productId: inbound.products[0]!.id, quantity: 2 }] });
  await makeSaleWithLines(db, { lines: [{ productId: inbound.products[1]!.id, locationId: inbound.source.id, quantity: 1 }] });
}
