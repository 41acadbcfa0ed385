import { asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { saleLines, salePayments, sales } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { formatPrice } from '@/lib/money';
import { nextNumber } from '@/lib/reference/numbers';
import { MONEY_COLUMN_MAX } from '@/lib/validation/numbers';
import { lockSale, logSale, moveStage, requireNotAuthorised, requireOrderAuthorised } from './sale-write';

/** The invoice amounts from the order lines, in minor units: quantity × price, summed. */
export async function invoiceLines(db: Db | Tx, saleId: string) {
  const lines = await db.select({ lineNo: saleLines.lineNo, quantity: saleLines.quantity, price: saleLines.price }).from(saleLines).where(eq(saleLines.saleId, saleId)).orderBy(asc(saleLines.lineNo));
  const withTotals = lines.map((l) => ({ ...l, total: l.quantity * l.price }));
  const total = withTotals.reduce((n, l) => n + l.total, 0);
  if (!Number.isSafeInteger(total) || total > MONEY_COLUMN_MAX) throw new DomainError('INVALID_INPUT', 'The invoice total is larger than can be stored.');
  return { lines: withTotals, total };
}

/** Invoice → Authorise: numbered INV-00001, its total fixed from the lines, due on the date given. */
export async function authoriseInvoice(db: Db | Tx, input: { saleId: string; dueDate: Date }, userId: string | null) {
  return db.transaction(async (tx) => {
    const sale = await lockSale(tx, input.saleId);
    requireOrderAuthorised(sale);
    requireNotAuthorised(sale, 'Invoice');
    const { total } = await invoiceLines(tx, sale.id);
    const number = sale.invoiceNumber ?? (await nextNumber(tx, 'INV'));
    return moveStage(tx, sale, 'Invoice', 'Authorised', `Authorised: invoice ${number}, ${formatPrice(total)}, due ${input.dueDate.toISOString().slice(0, 10)}.`, userId, {
      invoiceNumber: number,
      invoiceTotal: total,
      invoiceDueAt: input.dueDate,
    });
  });
}

/** Invoice → Undo: refused while payments add up to anything (record a refund first). The number is kept for the next Authorise. */
export async function undoInvoice(db: Db | Tx, saleId: string, userId: string | null) {
  return db.transaction(async (tx) => {
    const sale = await lockSale(tx, saleId);
    if (sale.paidTotal !== 0)
      throw new DomainError('INVALID_TRANSITION', `Invoice ${sale.invoiceNumber} has ${formatPrice(sale.paidTotal)} paid: record the refund as a payment of -${formatPrice(sale.paidTotal)} before undoing it.`);
    return moveStage(tx, sale, 'Invoice', 'Draft', `Undone: invoice ${sale.invoiceNumber} is no longer due.`, userId, { invoiceTotal: null, invoiceDueAt: null });
  });
}

/**
 * A payment against the authorised invoice (a refund is negative); the paid total is kept under
 * the sale's row lock and never goes below zero.
 */
export async function recordPayment(db: Db | Tx, input: { saleId: string; amount: number; paidOn: Date; method: string | null; reference: string | null }, userId: string | null) {
  return db.transaction(async (tx) => {
    const sale = await lockSale(tx, input.saleId);
    if (sale.invoiceStatus !== 'Authorised') throw new DomainError('INVALID_TRANSITION', `Authorise the invoice of sale ${sale.number} before recording payments.`);
    const paid = sale.paidTotal + input.amount;
    if (paid < 0) throw new DomainError('INVALID_INPUT', `A refund cannot exceed what was paid (${formatPrice(sale.paidTotal)}).`, { amount: [`At most -${formatPrice(sale.paidTotal)}.`] });
    await tx.insert(salePayments).values({ saleId: sale.id, amount: input.amount, paidAt: input.paidOn, method: input.method, reference: input.reference, userId });
    await tx.update(sales).set({ paidTotal: sql`${sales.paidTotal} + ${input.amount}`, updatedAt: new Date() }).where(eq(sales.id, sale.id));
    const balance = (sale.invoiceTotal ?? 0) - paid;
    await logSale(tx, sale.id, 'Invoice', `${input.amount < 0 ? 'Refund' : 'Payment'} of ${formatPrice(Math.abs(input.amount))} recorded${input.method ? ` (${input.method})` : ''}; balance owed ${formatPrice(balance)}.`, userId);
    return { paid, balance };
  });
}

export async function paymentsOf(db: Db | Tx, saleId: string) {
  return db.select().from(salePayments).where(eq(salePayments.saleId, saleId)).orderBy(asc(salePayments.paidAt), asc(salePayments.createdAt));
}

/** Today (UTC, yyyy-mm-dd) and the default due date 30 days on, for the Invoice tab's forms. */
export function invoiceDates(now: Date = new Date()) {
  return { today: now.toISOString().slice(0, 10), due: new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10) };
}
