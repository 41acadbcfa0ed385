import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { fbaConnections, locations } from '../db/schema';
import { ensurePriceTiers } from '../lib/catalog/price-tiers';
import { encryptSecret } from '../lib/crypto/secret-box';
import { startTestSandbox, type TestSandbox } from '../lib/fba/sp-api/testing/harness';
import type { InventoryReportRow } from '../lib/fba/inventory-report-types';
import { makeLocation } from './fixtures';

let n = 0;

/**
 * An FBA connection row and its external location, written directly (no call to Amazon). The
 * demo seller's credentials by default; other tests pass their own seller id, since one active
 * connection is allowed per seller × marketplace.
 */
export async function makeFbaConnection(db: Db, over: Partial<typeof fbaConnections.$inferInsert> = {}) {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 5).toString('base64');
  await ensurePriceTiers(db); // the connection's price tier references them
  const loc = await makeLocation(db, `FBA ${Date.now().toString(36)}${(n++).toString(36)}`);
  const [conn] = await db
    .insert(fbaConnections)
    .values({
      name: loc.name,
      sellerId: `ATESTSELLER${n}${Date.now().toString(36).toUpperCase()}`,
      marketplaceId: 'ATVPDKIKX0DER',
      refreshTokenEnc: encryptSecret('Atzr|sandbox-demo'),
      locationId: loc.id,
      ...over,
    })
    .returning();
  await db.update(locations).set({ externalConnectionId: conn.id }).where(eq(locations.id, loc.id));
  return { conn, location: { ...loc, externalConnectionId: conn.id } };
}

/**
 * The FBA sandbox in-process (the tests' one starter, startTestSandbox), fast (a report is ready in
 * ~0.1 s), with the product's per-connection client pointed at it.
 */
export async function startFastSandbox(): Promise<TestSandbox> {
  const sandbox = await startTestSandbox({ clockSpeed: 600, rateScale: 20 });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.SANDBOX_RATE_SCALE = '20';
  return sandbox;
}

/** One inventory-report row with only fulfillable stock, as Amazon's report would give it. */
export function reportRow(sellerSku: string, fulfillable: number, productName: string | null = null): InventoryReportRow {
  return { sellerSku, fnsku: null, asin: null, productName, condition: 'New', fulfillable, inboundWorking: 0, inboundShipped: 0, inboundReceiving: 0, reserved: 0, unsellable: 0, total: fulfillable };
}
