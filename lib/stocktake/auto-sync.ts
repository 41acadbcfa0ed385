import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '@/db';
import { fbaConnections, stocktakes } from '@/db/schema';
import { DomainError, isDomainError } from '@/lib/errors';
import { isAutoSyncDue } from '@/lib/fba/auto-sync-schedule';
import { fetchReportFor, type FetchReport } from '@/lib/fba/inventory-report';
import type { InventoryReportRow } from '@/lib/fba/inventory-report-types';
import { syncStocktakeFromRows } from './fba-sync';
import { countLinesNeedingCost } from './queries';
import { completeStocktake, startStocktake } from './stocktake';

type Connection = typeof fbaConnections.$inferSelect;

export type AutoSyncOutcome = {
  connectionId: string;
  connection: string;
  outcome: 'completed' | 'needs-attention' | 'skipped' | 'failed';
  stocktake?: string;
  message: string;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Auto-Sync Stock with FBA for one connection: Start a stocktake at its location (marked
 * auto-sync), Sync Amazon's quantities into it, Complete it. Added units are valued like any
 * stocktake (the product's average cost, else its standard cost); when some have neither, the
 * stocktake stays In Progress, flagged for a person ("3 products need a unit cost"). A flagged
 * stocktake from an earlier run is synced again rather than left stale beside a new one; a
 * person's own stocktake in progress there is left alone (this run is skipped).
 *
 * `lastAutoSyncAt` is recorded unless Amazon failed: then the next hourly firing tries again.
 */
export async function autoSyncConnection(db: Db, conn: Connection, now: Date, deps: { fetchReport?: FetchReport } = {}): Promise<AutoSyncOutcome> {
  const base = { connectionId: conn.id, connection: conn.name };
  const markRun = () => db.update(fbaConnections).set({ lastAutoSyncAt: now }).where(eq(fbaConnections.id, conn.id));
  const [open] = await db
    .select({ id: stocktakes.id, number: stocktakes.number, autoSync: stocktakes.autoSync })
    .from(stocktakes)
    .where(and(eq(stocktakes.locationId, conn.locationId), eq(stocktakes.status, 'In Progress')));
  if (open && !open.autoSync) {
    await markRun();
    return { ...base, outcome: 'skipped', stocktake: open.number, message: `Stocktake ${open.number} is in progress at this location; Auto-Sync leaves it to the person counting.` };
  }

  // Amazon first, outside any transaction: nothing is started if the report cannot be had whole.
  let rows: InventoryReportRow[];
  try {
    rows = (await (deps.fetchReport ?? fetchReportFor)(conn)).rows;
  } catch (e) {
    if (!(isDomainError(e))) throw e;
    return { ...base, outcome: 'failed', message: e.message };
  }

  const doc = await db.transaction(async (tx) => {
    const st = open ?? (await startStocktake(tx, { locationId: conn.locationId, note: 'Auto-Sync Stock with FBA', autoSync: true }, null));
    await syncStocktakeFromRows(tx, st.id, rows, null); // checks it is still this connection's location
    return { id: st.id, number: st.number };
  });
  const flag = (message: string | null) => db.update(stocktakes).set({ needsAttention: message }).where(eq(stocktakes.id, doc.id));

  const needCost = await countLinesNeedingCost(db, doc.id);
  let outcome: AutoSyncOutcome;
  if (needCost > 0) {
    const message = `${plural(needCost, 'product needs', 'products need')} a unit cost`;
    await flag(message);
    outcome = { ...base, outcome: 'needs-attention', stocktake: doc.number, message };
  } else {
    try {
      const done = await completeStocktake(db, doc.id, null);
      await flag(null);
      outcome = { ...base, outcome: 'completed', stocktake: doc.number, message: `${plural(done.posted, 'stock change', 'stock changes')} posted.` };
    } catch (e) {
      // E.g. Amazon holds fewer units than are allocated to sales here: a person decides.
      if (!(isDomainError(e))) throw e;
      await flag(e.message);
      outcome = { ...base, outcome: 'needs-attention', stocktake: doc.number, message: e.message };
    }
  }
  await markRun();
  return outcome;
}

/**
 * The hourly job: every active connection whose Auto-Sync slot is due. Connections run one after
 * another (each mostly waits for Amazon's report; running them together would only contend for the
 * same rate limits). A failure is reported after the others ran, so the job run records it.
 */
export async function runDueAutoSyncs(db: Db, now: Date, deps: { fetchReport?: FetchReport } = {}): Promise<AutoSyncOutcome[]> {
  const conns = await db.select().from(fbaConnections).where(and(eq(fbaConnections.status, 'Active'), ne(fbaConnections.autoSync, 'Never')));
  const due = conns.filter((c) => isAutoSyncDue({ ...c, since: c.createdAt }, now));
  const outcomes: AutoSyncOutcome[] = [];
  for (const conn of due) outcomes.push(await autoSyncConnection(db, conn, now, deps));
  const failed = outcomes.filter((o) => o.outcome === 'failed');
  if (failed.length > 0) throw new DomainError('AMAZON_ERROR', `Auto-Sync failed for ${failed.map((o) => `${o.connection}: ${o.message}`).join('; ')}`);
  return outcomes;
}
