// npx tsx bench/webhooks.ts — what webhooks add to a large stock posting: BENCH_LEVELS (default
// 50,000) products counted into one location in one postMovements (a stocktake's size), with no
// endpoint, then with 3 endpoints subscribed to stock.level_changed (events, deliveries and outbox
// rows made in the same transaction), then the webhook drain delivering them to a local receiver.
// PostgreSQL from DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), in a scratch
// database created and dropped here.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { migrateDb, openPostgres, type Db } from '../db/client';
import { rowsOf } from '../db/driver';
import { postMovements } from '../lib/stock/ledger';
import { drainWebhooksUntilIdle } from '../lib/webhooks/drain';
import { createWebhookEndpoint } from '../lib/webhooks/endpoints';

async function posting(db: Db, productIds: string[], locationId: string, quantity: number) {
  const t0 = performance.now();
  await db.transaction((tx) =>
    postMovements(
      tx,
      productIds.map((productId, i) => ({ productId, locationId, binId: null, quantity, valued: true, unitCost: 100, sourceType: 'adjustment' as const, sourceId: locationId, sourceLine: i + 1 })),
      null,
    ),
  );
  return performance.now() - t0;
}

export async function benchWebhooks(opts: { levels?: number } = {}) {
  const levels = opts.levels ?? Number(process.env.BENCH_LEVELS ?? 50_000);
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 9).toString('base64');
  const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `fba_bench_webhooks_${process.pid}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const scratch = new URL(base);
  scratch.pathname = `/${name}`;
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const handle = await openPostgres(scratch.toString(), 4);
    try {
      await migrateDb(handle);
      const db = handle.db;
      const [loc] = rowsOf<{ id: string }>(await db.execute(sql`INSERT INTO locations (name) VALUES ('Bench') RETURNING id`));
      const ids = rowsOf<{ id: string }>(await db.execute(sql`INSERT INTO products (sku, name) SELECT 'WB-' || g, 'Bench ' || g FROM generate_series(1, ${levels}) g RETURNING id`)).map((r) => r.id);
      await posting(db, ids, loc!.id, 1); // warm-up: level and cost rows exist from here on
      const none = await posting(db, ids, loc!.id, 1);
      const [admin1] = rowsOf<{ id: string }>(await db.execute(sql`INSERT INTO users (email, name, password_hash, is_admin) VALUES ('bench@example.com', 'Bench', 'x', true) RETURNING id`));
      for (let i = 0; i < 3; i++) await db.transaction((tx) => createWebhookEndpoint(tx, admin1!.id, { url, description: null, events: ['stock.level_changed'] }));
      const three = await posting(db, ids, loc!.id, 1);
      const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM webhook_deliveries`));
      const t0 = performance.now();
      const drained = await drainWebhooksUntilIdle(db, { limit: 50 });
      const drainMs = performance.now() - t0;
      console.log(`webhooks: one posting of ${levels.toLocaleString('en')} levels`);
      console.log(`  no endpoint                      ${none.toFixed(0).padStart(6)} ms`);
      console.log(`  3 endpoints subscribed           ${three.toFixed(0).padStart(6)} ms  (${n} deliveries = ${n / 3} events × 3)`);
      console.log(`  webhook drain, local receiver    ${drainMs.toFixed(0).padStart(6)} ms  (${drained.done} delivered, ${received} received)`);
      return { noneMs: none, threeMs: three, deliveries: n, drainMs };
    } finally {
      await handle.close();
    }
  } finally {
    server.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end({ timeout: 5 });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchWebhooks();
