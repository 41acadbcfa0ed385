// npx tsx bench/amazon-orders.ts — Download orders over 10,000 orders of one Amazon store (90% shipped
// by Amazon (AFN), 10% merchant fulfilled (MFN), 50 SKUs): each becomes a sale (AFN ones through
// Invoice). Prints orders per second, SP-API calls per order by operation, what Amazon's published
// rates would make of those calls, a second download with nothing changed, and peak RSS. The sandbox
// runs in this process, the database is PostgreSQL (a scratch database on DATABASE_URL's server) or,
// with BENCH_DRIVER=pglite, PGlite in process; Amazon's rates are multiplied by BENCH_RATE_SCALE
// (default 1000) so the figure is our own work, and the published-rate time is computed from the calls.
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { migrateDb, openPglite, openPostgres, type DbHandle } from '../db/client';
import { amazonOrders, amazonStores, sales } from '../db/schema';
import { downloadStoreOrders } from '../lib/channel/order-download';
import { saveStoreOrdersSetup } from '../lib/channel/store-setup';
import { encryptSecret } from '../lib/crypto/secret-box';
import { createSpApiClient } from '../lib/fba/sp-api';
import { SP_API_OPERATIONS, type OperationName } from '../lib/fba/sp-api/models/operations';
import { DEMO_CREDENTIALS, startTestSandbox } from '../lib/fba/sp-api/testing/harness';
import { createAdjustment } from '../lib/stock/adjustments';
import { makeFbaConnection } from '../test/fba-fixtures';
import { makeLocation, makeProduct } from '../test/fixtures';

const HOUR = 3600_000;

/** The bench's database: a scratch PostgreSQL database (dropped after), or PGlite. */
async function openBenchDb(): Promise<{ handle: DbHandle; label: string; drop: () => Promise<void> }> {
  if (process.env.BENCH_DRIVER === 'pglite') return { handle: await openPglite(), label: 'PGlite', drop: async () => {} };
  const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `fba_bench_orders_${process.pid}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    handle: await openPostgres(url.toString(), 4),
    label: 'PostgreSQL',
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function benchAmazonOrders(total = Number(process.env.BENCH_ORDERS ?? 10_000)): Promise<void> {
  const scale = Number(process.env.BENCH_RATE_SCALE ?? 1000);
  const sandbox = await startTestSandbox({ rateScale: scale, clockSpeed: 1 });
  const { handle, label, drop } = await openBenchDb();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    await migrateDb(handle);
    const db = handle.db;
    const sellerId = 'ABENCHORDERS1';
    const token = 'Atzr|bench-orders';
    const skus = Array.from({ length: 50 }, (_, i) => `BENCH-ORD-${String(i + 1).padStart(3, '0')}`);
    await sandbox.admin('POST', '/_sandbox/sellers', {
      sellerId,
      refreshToken: token,
      storeName: 'Bench store',
      marketplaceIds: ['ATVPDKIKX0DER'],
      clientId: DEMO_CREDENTIALS.clientId,
      clientSecret: DEMO_CREDENTIALS.clientSecret,
      items: skus.map((sellerSku) => ({ sellerSku, fulfillable: 1_000_000 })),
    });
    const { location: fba } = await makeFbaConnection(db, { sellerId });
    const own = await makeLocation(db, 'Bench warehouse');
    for (const sku of skus) await makeProduct(db, { sku });
    await createAdjustment(db, { reason: 'Bench stock', lines: skus.flatMap((sku) => [fba.id, own.id].map((locationId) => ({ sku, locationId, binId: null, quantity: 1_000_000, unitCost: 1000 }))) }, null);
    const [store] = await db.insert(amazonStores).values({ name: 'Bench store', sellerId, marketplaceIds: ['ATVPDKIKX0DER'], refreshTokenEnc: encryptSecret(token), endpoint: 'sandbox' }).returning();
    const { nowMs } = await sandbox.admin<{ nowMs: number }>('GET', '/_sandbox/clock');
    await saveStoreOrdersSetup(db, { storeId: store.id, afnLocationId: fba.id, mfnLocationId: own.id, ordersFrom: new Date(nowMs - 7 * 24 * HOUR), ordersEnabled: false });
    const orders = Array.from({ length: total }, (_, n) => ({
      fulfillmentChannel: n % 10 === 9 ? 'MFN' : 'AFN',
      items: [{ sellerSku: skus[n % skus.length], quantity: 1 + (n % 3) }, ...(n % 4 === 0 ? [{ sellerSku: skus[(n * 7) % skus.length], quantity: 1 }] : [])],
      purchaseDate: new Date(nowMs - 48 * HOUR + n * 1000).toISOString(),
    }));
    for (let i = 0; i < orders.length; i += 10_000) await sandbox.admin('POST', `/_sandbox/sellers/${sellerId}/orders`, { orders: orders.slice(i, i + 10_000) });

    const calls: Partial<Record<OperationName, number>> = {};
    let throttled = 0;
    const client = createSpApiClient({
      credentials: { ...DEMO_CREDENTIALS, refreshToken: token },
      endpoint: { sandboxUrl: sandbox.url },
      rateScale: scale,
      onExchange: (e) => {
        calls[e.operation] = (calls[e.operation] ?? 0) + 1;
        if (e.status === 429) throttled += 1;
      },
    });
    const t0 = performance.now();
    const first = await downloadStoreOrders(db, store.id, { clientFor: () => client });
    const seconds = (performance.now() - t0) / 1000;
    const firstCalls = { ...calls };
    const callTotal = Object.values(firstCalls).reduce((a, b) => a + b, 0);
    // At Amazon's published rates, each operation's calls take (calls − burst) / rate seconds at least; they overlap only across operations.
    const published = Object.entries(firstCalls).map(([op, n]) => {
      const spec = SP_API_OPERATIONS[op as OperationName];
      return { op, seconds: Math.max(0, n - spec.burst) / spec.rate };
    });
    const [{ n: saleCount }] = await db.select({ n: sql<number>`count(*)::int` }).from(sales);
    const [{ n: imported }] = await db.select({ n: sql<number>`count(*)::int` }).from(amazonOrders).where(sql`${amazonOrders.state} = 'Imported'`);

    for (const k of Object.keys(calls)) delete calls[k as OperationName];
    const t1 = performance.now();
    const second = await downloadStoreOrders(db, store.id, { clientFor: () => client });
    const secondSeconds = (performance.now() - t1) / 1000;
    console.log(
      [
        `amazon orders: ${total} orders of one store (${orders.filter((o) => o.fulfillmentChannel === 'AFN').length} AFN shipped, ${orders.filter((o) => o.fulfillmentChannel === 'MFN').length} MFN), 50 SKUs, ${label}, rates ×${scale}`,
        `first download: ${first.imported} imported (${imported} rows Imported, ${saleCount} sales), ${first.held} held, in ${seconds.toFixed(1)} s → ${(total / seconds).toFixed(0)} orders/s, ${((seconds * 1000) / total).toFixed(1)} ms per order`,
        `SP-API calls ${callTotal} → ${(callTotal / total).toFixed(3)} per order (${Object.entries(firstCalls).map(([k, v]) => `${k} ${v}`).join(', ')}), 429s ${throttled}`,
        `at Amazon's published rates those calls need at least ${(Math.max(...published.map((p) => p.seconds)) / 3600).toFixed(1)} h (${published.map((p) => `${p.op} ${(p.seconds / 60).toFixed(0)} min`).join(', ')})`,
        `second download, nothing changed: ${second.unchanged} unchanged in ${secondSeconds.toFixed(1)} s, SP-API calls ${Object.entries(calls).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
        `peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB`,
      ].join('\n'),
    );
  } finally {
    clearInterval(sampler);
    await handle.close();
    await drop();
    await sandbox.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await benchAmazonOrders();
