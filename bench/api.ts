// npx tsx bench/api.ts — the public API's latency (issue 14): list and create calls under 8
// concurrent clients with one API key. Creates a scratch PostgreSQL database (fba_bench_api_<pid>)
// on DATABASE_URL's server, generates a merchant at API_BENCH_SCALE of the large one (default 0.1:
// 10,000 products, 20,000 sales), builds if needed, starts the production server (API_BENCH_PORT,
// default 3391) with the rate limit out of the way, makes a key, checks each call answers as
// documented, then runs 8 clients (fetch loops: every create needs a body of its own, which
// autocannon cannot give) for API_BENCH_SECONDS (default 10) per call and prints p50 / p95 /
// requests per second. Creates use a new SKU (and Idempotency-Key) per request; each sale is a new
// Draft of two lines.
import { pathToFileURL } from 'node:url';
import { eq, isNull } from 'drizzle-orm';
import { migrateDb, openPostgres } from '../db/client';
import * as schema from '../db/schema';
import { createApiKey } from '../lib/api/keys';
import { PERMISSIONS } from '../lib/auth/permissions';
import { bootstrap } from '../scripts/lib/bootstrap';
import { assertPortFree, startNext, stopChild, waitForHealth } from '../scripts/lib/processes';
import { buildKeepingTsconfig, percentile, scratchUrl } from './load';
import { generateMerchant, printMerchant, RARE_WORD, scaledSizes } from './merchant/generate';

const CONNECTIONS = 8;
const SECRET = 'bench-api-secret-not-for-production-00000';
const ENCRYPTION_KEY = Buffer.alloc(32, 12).toString('base64');

type Call = { name: string; method: 'GET' | 'POST'; path: string; status: number; body?: (n: number) => unknown };

function calls(place: { locationId: string; binId: string }, customerId: string): Call[] {
  return [
    { name: 'GET /products (50)', method: 'GET', path: '/api/v1/products?limit=50', status: 200 },
    { name: `GET /products?q=${RARE_WORD}`, method: 'GET', path: `/api/v1/products?q=${RARE_WORD}&limit=50`, status: 200 },
    { name: 'GET /stock (50)', method: 'GET', path: '/api/v1/stock?limit=50', status: 200 },
    { name: 'GET /sales?ship=Authorised (50)', method: 'GET', path: '/api/v1/sales?ship=Authorised&limit=50', status: 200 },
    { name: 'GET /sales?readyToShipFrom= (50)', method: 'GET', path: `/api/v1/sales?readyToShipFrom=${place.locationId}&limit=50`, status: 200 },
    { name: 'GET /fulfilment-orders?status=Shipped (50)', method: 'GET', path: '/api/v1/fulfilment-orders?status=Shipped&limit=50', status: 200 },
    { name: 'POST /products', method: 'POST', path: '/api/v1/products', status: 201, body: (n) => ({ sku: `API-BENCH-${process.pid}-${n}`, name: `Bench product ${n}`, unitCost: '2.50', prices: { '1': '9.99' } }) },
    {
      name: 'POST /stock-adjustments',
      method: 'POST',
      path: '/api/v1/stock-adjustments',
      status: 201,
      body: (n) => ({ reason: `Bench ${n}`, lines: [{ sku: `API-BENCH-${process.pid}-0`, ...place, quantity: 1, unitCost: '2.50' }] }),
    },
    {
      name: 'POST /sales (2 lines)',
      method: 'POST',
      path: '/api/v1/sales',
      status: 201,
      body: (n) => ({
        customerId,
        customerReference: `Bench ${n}`,
        shipTo: { name: 'Bench Buyer', line1: '1 Bench St', city: 'Seattle', postalCode: '98101', country: 'US' },
        lines: [
          { sku: `API-BENCH-${process.pid}-0`, quantity: 1, price: '9.99', locationId: place.locationId },
          { sku: `API-BENCH-${process.pid}-0`, quantity: 2, locationId: place.locationId },
        ],
      }),
    },
  ];
}

type Result = { p50: number; p95: number; rps: number; ok: number; errors: number };

/**
 * CONNECTIONS clients, each sending its next request when the last is answered, for `seconds`.
 * (A loop of fetch rather than autocannon: every create needs a body of its own.)
 */
async function run(base: string, key: string, call: Call, seconds: number, start: number): Promise<Result> {
  const times: number[] = [];
  let n = start;
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      n += 1;
      const headers: Record<string, string> = { authorization: `Bearer ${key}` };
      if (call.body) Object.assign(headers, { 'content-type': 'application/json', 'idempotency-key': `bench-${process.pid}-${n}` });
      const t0 = performance.now();
      try {
        const res = await fetch(base + call.path, { method: call.method, headers, body: call.body ? JSON.stringify(call.body(n)) : undefined });
        await res.arrayBuffer();
        if (res.status === call.status) times.push(performance.now() - t0);
        else errors += 1;
      } catch {
        errors += 1;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, client));
  const elapsed = (performance.now() - t0) / 1000;
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), rps: times.length / elapsed, ok: times.length, errors };
}

export async function benchApi() {
  const root = process.cwd();
  const server = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const port = Number(process.env.API_BENCH_PORT || 3391);
  const seconds = Number(process.env.API_BENCH_SECONDS || 10);
  const factor = Number(process.env.API_BENCH_SCALE || 0.1);
  const base = `http://127.0.0.1:${port}`;
  const name = `fba_bench_api_${process.pid}`;
  const url = scratchUrl(server, name);
  process.env.APP_ENCRYPTION_KEY = ENCRYPTION_KEY;
  await assertPortFree(port);
  const admin = await openPostgres(server, 1);
  await admin.db.execute(`CREATE DATABASE ${name}`);
  let web: ReturnType<typeof startNext> | undefined;
  try {
    const handle = await openPostgres(url, 2);
    let key: string;
    let place: { locationId: string; binId: string };
    let customerId: string;
    try {
      await migrateDb(handle);
      await bootstrap(handle.db, { adminEmail: 'bench@example.com', adminPassword: 'bench-password-0000', companyName: 'API Merchant' });
      printMerchant(await generateMerchant(handle.db, scaledSizes(factor)));
      const [u] = await handle.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.isAdmin, true)).limit(1);
      key = (await createApiKey(handle.db, u!.id, { name: 'Bench', ownerId: u!.id, permissions: [...PERMISSIONS] })).key;
      // A place stock can be adjusted at: a bin of one of our own locations.
      const [bin] = await handle.db
        .select({ locationId: schema.bins.locationId, binId: schema.bins.id })
        .from(schema.bins)
        .innerJoin(schema.locations, eq(schema.locations.id, schema.bins.locationId))
        .where(isNull(schema.locations.externalConnectionId))
        .limit(1);
      place = bin!;
      const [customer] = await handle.db.select({ id: schema.customers.id }).from(schema.customers).limit(1);
      customerId = customer!.id;
    } finally {
      await handle.close();
    }
    buildKeepingTsconfig(root);
    web = startNext(root, port, { DATABASE_URL: url, NEXTAUTH_URL: base, NEXTAUTH_SECRET: SECRET, APP_ENCRYPTION_KEY: ENCRYPTION_KEY, API_RATE_LIMIT_PER_MINUTE: '100000000' });
    await waitForHealth(base, web);

    const list = calls(place, customerId);
    // Each call answers as documented once before it is timed (the adjustment's SKU is made by the first create).
    for (const c of list) {
      const res = await fetch(base + c.path, {
        method: c.method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: c.body ? JSON.stringify(c.body(0)) : undefined,
      });
      if (res.status !== c.status) throw new Error(`${c.name} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }
    console.log(`Every call answers as documented. ${CONNECTIONS} connections, ${seconds} s each.`);
    const rows: string[][] = [['call', 'p50 ms', 'p95 ms', 'req/s', 'answers', 'errors']];
    let start = 1;
    for (const c of list) {
      const r = await run(base, key, c, seconds, start);
      start += r.ok + r.errors + 1;
      rows.push([c.name, r.p50.toFixed(0), r.p95.toFixed(0), r.rps.toFixed(1), String(r.ok), String(r.errors)]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  } finally {
    await stopChild(web);
    await admin.db.execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchApi().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
