// npx tsx bench/fo-tracking.ts — the fulfilment order tracking run (00:51 / 12:51 UTC) over 2,000
// shipped orders of which 10% changed at Amazon since the previous run: 100 that Amazon completed
// since (listed by listAllFulfillmentOrders) and 100 whose estimated arrival has passed (read once
// to settle Delivered / Completed). Prints SP-API calls per changed and per unchanged order, the
// achieved getFulfillmentOrder rate against Amazon's published rate (2/s, burst 30, × BENCH_RATE_SCALE,
// default 5) and the 429s met. The sandbox and PGlite run in this process; set-up runs at a high rate.
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrateDb, openPglite } from '../db/client';
import { customers, fbaConnections, fulfilmentOrderItems, fulfilmentOrders, products, saleShipments, sales } from '../db/schema';
import { createSpApiClient } from '../lib/fba/sp-api';
import { SP_API_OPERATIONS } from '../lib/fba/sp-api/models/operations';
import { DEMO_CREDENTIALS, startTestSandbox } from '../lib/fba/sp-api/testing/harness';
import { createOrderBody } from '../lib/fulfilment/amazon-order';
import { trackConnection } from '../lib/fulfilment/tracking';
import { makeFbaConnection } from '../test/fba-fixtures';
import { FO_ADDRESS } from '../test/fulfilment-send-fixtures';

const HOUR = 3600;
const SETUP_SCALE = 2000;

export async function benchFoTracking(): Promise<void> {
  const measureScale = Number(process.env.BENCH_RATE_SCALE ?? 5);
  const groups = { steady: 1800, completedSince: 100, arrived: 100 };
  const sandbox = await startTestSandbox({ rateScale: SETUP_SCALE, clockSpeed: 1 });
  const handle = await openPglite();
  try {
    await migrateDb(handle);
    const db = handle.db;
    const { conn } = await makeFbaConnection(db);
    await sandbox.admin('POST', '/_sandbox/sellers/ASANDBOXSELLER1/inventory', { items: [{ sellerSku: 'DEMO-001', fulfillable: 100_000 }] });
    const setupClient = createSpApiClient({ credentials: DEMO_CREDENTIALS, endpoint: { sandboxUrl: sandbox.url }, rateScale: SETUP_SCALE });

    // Our rows: 2,000 sales shipped through FBA, each with a fulfilment order Amazon accepted (Shipped, sent).
    const [customer] = await db.insert(customers).values({ name: 'Bench customer' }).returning();
    const [product] = await db.insert(products).values({ sku: 'DEMO-001', name: 'Demo product 001' }).returning();
    const total = groups.steady + groups.completedSince + groups.arrived;
    const numbers = Array.from({ length: total }, (_, i) => `FO-B${String(i + 1).padStart(5, '0')}`);
    for (let start = 0; start < total; start += 500) {
      const slice = numbers.slice(start, start + 500);
      const saleRows = await db
        .insert(sales)
        .values(slice.map((n) => ({ number: n.replace('FO-', 'SO-'), customerId: customer.id, priceTier: 1, orderStatus: 'Authorised' as const, shipStatus: 'Authorised' as const, ...FO_ADDRESS })))
        .returning({ id: sales.id, number: sales.number });
      const shipRows = await db.insert(saleShipments).values(saleRows.map((s) => ({ saleId: s.id, seq: 1, shippingOption: 'Standard' as const }))).returning({ id: saleShipments.id, saleId: saleShipments.saleId });
      const foRows = await db
        .insert(fulfilmentOrders)
        .values(
          slice.map((number, i) => ({
            number,
            saleId: saleRows[i].id,
            shipmentId: shipRows[i].id,
            connectionId: conn.id,
            locationId: conn.locationId,
            status: 'Shipped' as const,
            amazonStatus: 'New',
            sentAt: new Date(),
            shippedAt: new Date(),
            displayableOrderId: saleRows[i].number,
            shippingSpeed: 'Standard' as const,
            ...FO_ADDRESS,
          })),
        )
        .returning();
      await db.insert(fulfilmentOrderItems).values(foRows.map((fo) => ({ orderId: fo.id, lineNo: 1, productId: product.id, sellerSku: 'DEMO-001', quantity: 1 })));
    }
    const foByNumber = new Map((await db.select().from(fulfilmentOrders)).map((fo) => [fo.number, fo]));
    const items = (number: string) => [{ orderId: foByNumber.get(number)!.id, lineNo: 1, productId: product.id, sellerSku: 'DEMO-001', quantity: 1, shippedQuantity: 0, cancelledQuantity: 0, unfulfillableQuantity: 0 }];
    const send = async (list: string[]) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < list.length) {
            const n = list[next++];
            await setupClient.createFulfillmentOrder(createOrderBody(foByNumber.get(n)!, items(n), conn.marketplaceId, 'Ship'));
          }
        }),
      );
    };
    const arrived = numbers.slice(0, groups.arrived);
    const steady = numbers.slice(groups.arrived, groups.arrived + groups.steady);
    const completedSince = numbers.slice(groups.arrived + groups.steady);

    // Amazon's timeline: the "arrived" group ships 2½ days before the rest and its packages never report delivery.
    await sandbox.admin('POST', '/_sandbox/faults', { lostPackageShare: 1 });
    await send(arrived);
    await sandbox.advance(2.5 * 24 * HOUR);
    await setupClient.listAllFulfillmentOrders({}); // ships the first group (its packages' fate is set now)
    await sandbox.admin('POST', '/_sandbox/faults', { lostPackageShare: 0 });
    await send(steady);
    await sandbox.advance(1 * HOUR + 40 * 60);
    await send(completedSince);
    await sandbox.advance(50 * 60);
    const clock = async () => new Date((await sandbox.admin<{ nowMs: number }>('GET', '/_sandbox/clock')).nowMs);

    // The previous run (12 hours earlier): every order read once, nothing settled.
    const t0 = performance.now();
    const baseline = await trackConnection(db, conn, { now: await clock(), clientFor: () => setupClient });
    console.log(`set-up: ${total} orders; previous run read ${baseline.read} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const trackedBefore = new Map((await db.select({ number: fulfilmentOrders.number, at: fulfilmentOrders.lastTrackedAt }).from(fulfilmentOrders)).map((r) => [r.number, r.at?.getTime() ?? null]));
    await sandbox.advance(12 * HOUR);
    await sandbox.admin('POST', '/_sandbox/rate-scale', { rateScale: measureScale });
    const calls: Record<string, number> = {};
    let throttled = 0;
    const client = createSpApiClient({
      credentials: DEMO_CREDENTIALS,
      endpoint: { sandboxUrl: sandbox.url },
      rateScale: measureScale,
      onExchange: (e) => {
        calls[e.operation] = (calls[e.operation] ?? 0) + 1;
        if (e.status === 429) throttled += 1;
      },
    });
    await client.getMarketplaceParticipations(); // the LWA exchange, outside the measured window
    delete calls.getMarketplaceParticipations;
    const [c] = await db.select().from(fbaConnections).where(sql`${fbaConnections.id} = ${conn.id}`);
    const started = performance.now();
    const run = await trackConnection(db, c, { now: await clock(), clientFor: () => client });
    const seconds = (performance.now() - started) / 1000;

    const changed = groups.completedSince + groups.arrived;
    const unchanged = groups.steady;
    const totalCalls = Object.values(calls).reduce((a, b) => a + b, 0);
    // An order read in this run has a new lastTrackedAt: count the unchanged ones that were.
    const trackedAfter = new Map((await db.select({ number: fulfilmentOrders.number, at: fulfilmentOrders.lastTrackedAt }).from(fulfilmentOrders)).map((r) => [r.number, r.at?.getTime() ?? null]));
    const unchangedReads = steady.filter((n) => trackedAfter.get(n) !== trackedBefore.get(n)).length;
    const reads = calls.getFulfillmentOrder ?? 0;
    const spec = SP_API_OPERATIONS.getFulfillmentOrder;
    const rate = spec.rate * measureScale;
    // What the bucket permits in the window: the burst at once, then the rate.
    const permitted = spec.burst + rate * seconds;
    const statuses = await db.select({ status: fulfilmentOrders.status, n: sql<number>`count(*)::int` }).from(fulfilmentOrders).groupBy(fulfilmentOrders.status);
    console.log(
      [
        `fo tracking: ${total} shipped orders, ${changed} changed (${groups.completedSince} completed at Amazon, ${groups.arrived} past their arrival date)`,
        `run: listed ${run.listed}, read ${run.read}, moved ${run.moved}, errors ${run.errors.length}, ${seconds.toFixed(1)} s`,
        `SP-API calls ${totalCalls} (${Object.entries(calls).map(([k, v]) => `${k} ${v}`).join(', ')})`,
        `calls per changed order ${((totalCalls - unchangedReads) / changed).toFixed(2)} (goal ≤ 1.2) · per unchanged order ${(unchangedReads / unchanged).toFixed(2)} (goal 0)`,
        `getFulfillmentOrder: ${reads} in ${seconds.toFixed(1)} s, published ${rate}/s burst ${spec.burst} → permitted ${permitted.toFixed(0)}, achieved ${((reads / permitted) * 100).toFixed(1)}% (goal ≥ 90%)`,
        `429s ${throttled} (goal 0)`,
        `statuses after: ${statuses.map((s) => `${s.status} ${s.n}`).join(', ')}`,
      ].join('\n'),
    );
  } finally {
    await handle.close();
    await sandbox.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchFoTracking();
}
