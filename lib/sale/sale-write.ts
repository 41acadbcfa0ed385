import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { saleLog, sales } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { emitWebhookEvent, emitWebhookEvents } from '@/lib/webhooks/emit';
import { saleOrderStatus, saleStageStatus, STEP_COLUMN, undoBlocker, type SaleOrderStatus, type SaleStage, type SaleStageStatus, type SaleStep } from './sale-status';

export type SaleRow = typeof sales.$inferSelect;
export type SaleChanges = Partial<Omit<typeof sales.$inferInsert, 'id' | 'number' | 'orderStatus' | 'pickStatus' | 'packStatus' | 'shipStatus' | 'invoiceStatus'>>;

/** A line of the sale log, in the caller's transaction. */
export async function logSale(tx: Tx, saleId: string, stage: SaleStage, message: string, userId: string | null) {
  await tx.insert(saleLog).values({ saleId, stage, message, userId });
}

/**
 * The sale, locked for the rest of the caller's transaction: every stage change of one sale runs
 * one at a time, so two people authorising (or undoing) the same stage cannot both succeed.
 */
export async function lockSale(tx: Tx, saleId: string): Promise<SaleRow> {
  const [row] = await tx.select().from(sales).where(eq(sales.id, saleId)).for('update');
  if (!row) throw new DomainError('NOT_FOUND', 'That sale no longer exists.');
  return row;
}

const label = (s: SaleRow) => `Sale ${s.number}`;

/** The only write of a sale order's status: checked by its table, compare-and-set, logged. */
export async function moveOrder(tx: Tx, sale: SaleRow, to: SaleOrderStatus, message: string, userId: string | null, set: SaleChanges = {}): Promise<SaleRow> {
  const row = await saleOrderStatus.write(sale.orderStatus, to, {
    update: async () =>
      (await tx.update(sales).set({ ...set, orderStatus: to, updatedAt: new Date() }).where(and(eq(sales.id, sale.id), eq(sales.orderStatus, sale.orderStatus))).returning())[0],
    current: async () => {
      const [cur] = await tx.select({ status: sales.orderStatus }).from(sales).where(eq(sales.id, sale.id));
      return cur && { label: label(sale), status: cur.status };
    },
  });
  await logSale(tx, sale.id, 'Order', message, userId);
  await emitWebhookEvent(tx, 'sale.stage_changed', { saleId: sale.id, number: sale.number, stage: 'Order', from: sale.orderStatus, to });
  return row;
}

/** The only write of a stage's status (Pick, Pack, Ship, Invoice): checked, compare-and-set, logged. */
export async function moveStage(tx: Tx, sale: SaleRow, stage: SaleStep, to: SaleStageStatus, message: string, userId: string | null, set: SaleChanges = {}): Promise<SaleRow> {
  const column = STEP_COLUMN[stage];
  const from = sale[column];
  const row = await saleStageStatus.write(from, to, {
    update: async () =>
      (await tx.update(sales).set({ ...set, [column]: to, updatedAt: new Date() }).where(and(eq(sales.id, sale.id), eq(sales[column], from))).returning())[0],
    current: async () => {
      const [cur] = await tx.select({ status: sales[column] }).from(sales).where(eq(sales.id, sale.id));
      return cur && { label: `${stage} of sale ${sale.number}`, status: cur.status };
    },
  });
  await logSale(tx, sale.id, stage, message, userId);
  await emitWebhookEvent(tx, 'sale.stage_changed', { saleId: sale.id, number: sale.number, stage, from, to });
  // A sale shipped with a tracking number tells its receivers so (a fulfilment order's packages: lib/fulfilment/tracking.ts).
  if (stage === 'Ship' && to === 'Authorised' && row.trackingNumber)
    await emitWebhookEvents(tx, 'tracking.added', [{ source: 'sale', saleId: sale.id, saleNumber: sale.number, carrier: row.carrier, trackingNumber: row.trackingNumber }]);
  return row;
}

/** Refuses a stage action the sale is not ready for, with what to do instead. */
export function requireOrderAuthorised(sale: SaleRow) {
  if (sale.orderStatus !== 'Authorised') throw new DomainError('INVALID_TRANSITION', `Sale ${sale.number} is ${sale.orderStatus}: authorise the order first.`);
}

export function requireUndoable(sale: SaleRow, stage: SaleStage) {
  const why = undoBlocker(stage, sale);
  if (why) throw new DomainError('INVALID_TRANSITION', why);
}

/** Refuses to authorise a stage twice (a second tab, a double click). */
export function requireNotAuthorised(sale: SaleRow, stage: SaleStep) {
  if (sale[STEP_COLUMN[stage]] === 'Authorised') throw new DomainError('INVALID_TRANSITION', `${stage} of sale ${sale.number} is already authorised.`);
}
