import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLineCountsAfterEach } from '@/test/crash-checks';
import type { Db } from '@/db';
import { fbaConnections, stocktakes } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { unreadableReport, type FetchReport } from '@/lib/fba/inventory-report';
import type { InventoryReportRow } from '@/lib/fba/inventory-report-types';
import { createAdjustment } from '@/lib/stock/adjustments';
import type { RunningSandbox } from '@/sandbox/index';
import { createTestDb } from '@/test/db';
import { makeFbaConnection, reportRow as row, startFastSandbox } from '@/test/fba-fixtures';
import { makeProduct, makeUser } from '@/test/fixtures';
import { onHand } from '@/test/stock';
import { autoSyncConnection, runDueAutoSyncs } from './auto-sync';
import { findLinesNeedingCost, listStocktakes } from './queries';
import { applyCounts, completeStocktake, startStocktake } from './stocktake';

let db: Db;

checkLineCountsAfterEach(() => db);
let userId: string;
let sandbox: RunningSandbox;
beforeAll(async () => {
  db = (await createTestDb()).db;
  userId = (await makeUser(db)).id;
  sandbox = await startFastSandbox();
});
afterAll(() => sandbox?.close());

const at = (iso: string) => new Date(`${iso}Z`);
const report = (rows: InventoryReportRow[]): FetchReport => async () => ({ rows, reportId: 'R1' });

const stocktakesAt = (locationId: string) => db.select().from(stocktakes).where(eq(stocktakes.locationId, locationId));
const reload = async (id: string) => (await db.select().from(fbaConnections).where(eq(fbaConnections.id, id)))[0];

describe('Auto-Sync Stock with FBA', () => {
  it('runs Start → Sync → Complete when due, valuing added units at the average or standard cost; not again until the next slot', async () => {
    const { conn, location } = await makeFbaConnection(db, { autoSync: 'Daily', autoSyncHour: 9, createdAt: at('2026-01-01T00:00') });
    // Only this connection may be due in this test.
    await db.update(fbaConnections).set({ autoSync: 'Never' }).where(ne(fbaConnections.id, conn.id));
    const held = await makeProduct(db);
    const standard = await makeProduct(db, { unitCost: 8_000 });
    await createAdjustment(db, { reason: 'Sent to FBA', lines: [{ sku: held.sku, locationId: location.id, binId: null, quantity: 2, unitCost: 30_000 }] }, userId);
    const fetchReport = report([row(held.sku, 5), row(standard.sku, 3)]);

    // Never run, made long ago: the slots missed since are caught up by one run.
    const outcomes = await runDueAutoSyncs(db, at('2026-11-27T09:05'), { fetchReport });
    expect(outcomes).toEqual([expect.objectContaining({ connectionId: conn.id, outcome: 'completed', message: '2 stock changes posted.' })]);
    expect(await onHand(db, held.id, location.id)).toBe(5);
    expect(await onHand(db, standard.id, location.id)).toBe(3);
    const [st] = await stocktakesAt(location.id);
    expect(st).toMatchObject({ status: 'Completed', autoSync: true, needsAttention: null, syncedAt: expect.any(Date) });
    expect((await reload(conn.id)).lastAutoSyncAt).toEqual(at('2026-11-27T09:05'));
    expect(await runDueAutoSyncs(db, at('2026-11-27T10:05'), { fetchReport })).toEqual([]);
    expect(await runDueAutoSyncs(db, at('2026-11-28T09:05'), { fetchReport: report([row(held.sku, 4), row(standard.sku, 3)]) })).toEqual([
      expect.objectContaining({ outcome: 'completed', message: '1 stock change posted.' }),
    ]);
    expect(await onHand(db, held.id, location.id)).toBe(4);
  });

  it('leaves the stocktake open and flagged when a product has no cost, syncs that same one next time, then a person completes it', async () => {
    const { conn, location } = await makeFbaConnection(db, { autoSync: 'Weekly', autoSyncHour: 3 });
    const [a, b, c] = [await makeProduct(db), await makeProduct(db), await makeProduct(db, { unitCost: 1_000 })];
    const first = await autoSyncConnection(db, conn, at('2026-11-23T03:05'), { fetchReport: report([row(a.sku, 4), row(b.sku, 1), row(c.sku, 2)]) });
    expect(first).toMatchObject({ outcome: 'needs-attention', message: '2 products need a unit cost' });
    const [st] = await stocktakesAt(location.id);
    expect(st).toMatchObject({ status: 'In Progress', autoSync: true, needsAttention: '2 products need a unit cost' });
    expect(await onHand(db, c.id, location.id)).toBe(0); // nothing posted
    const list = await listStocktakes(db, { sort: 'number', dir: 'desc', after: null });
    expect(list.rows.find((r) => r.id === st.id)).toMatchObject({ needsAttention: '2 products need a unit cost', autoSync: true });
    expect((await reload(conn.id)).lastAutoSyncAt).toEqual(at('2026-11-23T03:05'));

    const second = await autoSyncConnection(db, conn, at('2026-11-30T03:05'), { fetchReport: report([row(a.sku, 6), row(c.sku, 2)]) });
    expect(second).toMatchObject({ outcome: 'needs-attention', stocktake: st.number, message: '1 product needs a unit cost' });
    expect(await stocktakesAt(location.id)).toHaveLength(1);
    const [need] = await findLinesNeedingCost(db, st.id);
    expect(need.sku).toBe(a.sku);
    await db.transaction((tx) => applyCounts(tx, st.id, [{ productId: a.id, counted: 6, unitCost: 2_000 }]));
    await completeStocktake(db, st.id, userId);
    expect(await onHand(db, a.id, location.id)).toBe(6);
    expect(await onHand(db, b.id, location.id)).toBe(0);
  });

  it("skips a location where a person's stocktake is in progress", async () => {
    const { conn, location } = await makeFbaConnection(db, { autoSync: 'Daily' });
    const mine = await startStocktake(db, { locationId: location.id }, userId);
    const called: string[] = [];
    const out = await autoSyncConnection(db, conn, at('2026-11-27T00:05'), { fetchReport: async () => (called.push('x'), { rows: [], reportId: 'R1' }) });
    expect(out).toMatchObject({ outcome: 'skipped', stocktake: mine.number });
    expect(called).toEqual([]);
    expect(await stocktakesAt(location.id)).toHaveLength(1);
    expect((await reload(conn.id)).lastAutoSyncAt).toEqual(at('2026-11-27T00:05'));
  });

  it('when Amazon fails: starts nothing, reports the failure, and tries again at the next firing', async () => {
    const { conn, location } = await makeFbaConnection(db, { autoSync: 'Monthly', autoSyncHour: 0, createdAt: at('2026-01-01T00:00') });
    await db.update(fbaConnections).set({ autoSync: 'Never' }).where(ne(fbaConnections.id, conn.id));
    const failing: FetchReport = async () => {
      throw new DomainError('INVALID_INPUT', 'The inventory report failed. Amazon said: Access denied (Unauthorized)');
    };
    await expect(runDueAutoSyncs(db, at('2026-12-01T00:05'), { fetchReport: failing })).rejects.toThrow(/Auto-Sync failed for .*Access denied/);
    expect(await stocktakesAt(location.id)).toEqual([]);
    expect((await reload(conn.id)).lastAutoSyncAt).toBeNull();
    const unreadable: FetchReport = async () => {
      throw unreadableReport([{ line: 4, message: 'Has no SKU.' }]);
    };
    expect(await autoSyncConnection(db, conn, at('2026-12-01T01:05'), { fetchReport: unreadable })).toMatchObject({
      outcome: 'failed',
      message: "Amazon's inventory report has unreadable rows, so nothing was changed. Line 4: Has no SKU.",
    });
    expect(await stocktakesAt(location.id)).toEqual([]);
    // Never, or disconnected: not run at all.
    await db.update(fbaConnections).set({ status: 'Disconnected' }).where(eq(fbaConnections.id, conn.id));
    expect(await runDueAutoSyncs(db, at('2026-12-01T02:05'), { fetchReport: failing })).toEqual([]);
  });

  it('fetches the report from Amazon (the sandbox demo seller) by default', async () => {
    const { conn, location } = await makeFbaConnection(db, { sellerId: 'ASANDBOXSELLER1', autoSync: 'Daily' });
    const p = await makeProduct(db, { sku: 'DEMO-002', unitCost: 4_000 });
    const out = await autoSyncConnection(db, conn, new Date());
    expect(out).toMatchObject({ outcome: 'completed' });
    expect(await onHand(db, p.id, location.id)).toBeGreaterThan(0);
    const [st] = await db.select().from(stocktakes).where(and(eq(stocktakes.locationId, location.id), eq(stocktakes.autoSync, true)));
    expect(st.status).toBe('Completed');
  });
});
