import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db';
import { withAuditUser } from '@/db/audit-context';
import { rowsOf } from '@/db/driver';
import { amazonCalls, auditLog, products, users } from '@/db/schema';
import { createDemoClient, startTestSandbox, type TestSandbox } from '@/lib/fba/sp-api/testing/harness';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { createTestDb } from '@/test/db';
import { makeUser } from '@/test/fixtures';
import { AUDITED_TABLES, listAmazonCalls, listChanges, recordAmazonCall } from './audit-log';

let db: Db;
let userId: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  userId = (await makeUser(db)).id;
});

const changesOf = (rowId: string) => db.select().from(auditLog).where(eq(auditLog.rowId, rowId)).orderBy(auditLog.id);

describe('the audit trail (written by the database)', () => {
  it('records who made a change, when, and before → after, an update keeping only what changed', async () => {
    const [p] = await withAuditUser(userId, () => db.transaction((tx) => tx.insert(products).values({ sku: 'AUDIT-1', name: 'Blue mug' }).returning()));
    await withAuditUser(userId, () => db.transaction((tx) => tx.update(products).set({ name: 'Green mug' }).where(eq(products.id, p.id))));
    // An update that changes nothing leaves no row.
    await withAuditUser(userId, () => db.transaction((tx) => tx.update(products).set({ name: 'Green mug' }).where(eq(products.id, p.id))));
    const rows = await changesOf(p.id);
    expect(rows.map((r) => [r.action, r.userId, r.tableName])).toEqual([
      ['INSERT', userId, 'products'],
      ['UPDATE', userId, 'products'],
    ]);
    expect(rows[0].after).toMatchObject({ sku: 'AUDIT-1', name: 'Blue mug' });
    expect(rows[0].before).toBeNull();
    expect(rows[1].before).toEqual({ name: 'Blue mug' });
    expect(rows[1].after).toEqual({ name: 'Green mug' });
    const page = await listChanges(db, { table: 'products', row: p.id, after: null });
    expect(page.rows.map((r) => [r.action, r.user])).toEqual([
      ['UPDATE', 'Test user'],
      ['INSERT', 'Test user'],
    ]);
  });

  it('a change made outside any user’s work (the worker, the system) has no user', async () => {
    const [p] = await db.insert(products).values({ sku: 'AUDIT-2', name: 'Jug' }).returning();
    await db.delete(products).where(eq(products.id, p.id));
    const rows = await changesOf(p.id);
    expect(rows.map((r) => [r.action, r.userId])).toEqual([
      ['INSERT', null],
      ['DELETE', null],
    ]);
    expect(rows[1].before).toMatchObject({ sku: 'AUDIT-2' });
    expect((await listChanges(db, { user: 'system', row: p.id, after: null })).rows).toHaveLength(2);
  });

  it('watches exactly the tables the page offers, each trigger leaving out its table’s secret columns (a new one must be added there)', async () => {
    const triggers = rowsOf<{ t: string; args: string }>(
      await db.execute(sql`SELECT c.relname AS t, encode(tg.tgargs, 'escape') AS args FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid WHERE tg.tgname = 'audit'`),
    );
    expect(triggers.map((r) => r.t).sort()).toEqual(Object.keys(AUDITED_TABLES).sort());
    const secrets = rowsOf<{ t: string; c: string }>(await db.execute(sql`SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND column_name ~ '(_enc|_hash)$'`));
    const watched = new Map(triggers.map((r) => [r.t, r.args.split('\\000')]));
    const unguarded = secrets.filter((s) => watched.has(s.t) && !watched.get(s.t)!.includes(s.c)).map((s) => `${s.t}.${s.c}`);
    expect(unguarded).toEqual([]);
    expect(secrets.filter((s) => watched.has(s.t)).length).toBeGreaterThanOrEqual(5);
  });

  it('never holds a token or a password hash', async () => {
    const { conn } = await makeFbaConnection(db, { name: 'Audit secrets' });
    const u = await makeUser(db);
    await db.update(users).set({ passwordHash: 'scrypt$secret-hash' }).where(eq(users.id, u.id));
    const all = rowsOf<{ t: string }>(await db.execute(`SELECT row_to_json(a)::text AS t FROM audit_log a`)).map((r) => r.t).join('\n');
    expect(all).toContain(conn.id);
    expect(all).not.toMatch(/refresh_token|password_hash|scrypt\$secret-hash/);
    expect(all).not.toContain(conn.refreshTokenEnc);
  });
});

describe('Amazon calls', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('records each exchange with its operation, status, request id and duration, and no token', async () => {
    const client = createDemoClient(sandbox.url, { onExchange: (e) => void recordAmazonCall(db, { endpoint: 'sandbox', operation: e.operation, method: e.method, url: e.url, status: e.status, requestId: e.requestId, attempt: e.attempt, durationMs: e.durationMs }) });
    await client.getMarketplaceParticipations();
    await expect(client.getFulfillmentOrder('NO-SUCH-ORDER')).rejects.toThrow();
    // The records are written beside the calls, not awaited by them: wait until both are there (a fixed pause failed on a busy machine).
    const page = await vi.waitFor(
      async () => {
        const p = await listAmazonCalls(db, { after: null });
        const ops = p.rows.map((r) => [r.operation, r.status]);
        expect(ops).toContainEqual(['getMarketplaceParticipations', 200]);
        expect(ops).toContainEqual(['getFulfillmentOrder', 404]);
        return p;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(page.rows.every((r) => r.requestId && r.durationMs >= 0)).toBe(true);
    expect((await listAmazonCalls(db, { outcome: 'refused', after: null })).rows.map((r) => r.operation)).toEqual(['getFulfillmentOrder']);
    const all = rowsOf<{ t: string }>(await db.execute(`SELECT row_to_json(c)::text AS t FROM amazon_calls c`)).map((r) => r.t).join('\n');
    expect(all).not.toMatch(/Atza\||Atzr\|/);
    expect(await db.select().from(amazonCalls)).toHaveLength(page.rows.length);
  });
});
