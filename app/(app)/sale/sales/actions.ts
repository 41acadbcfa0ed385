'use server';

import { z } from 'zod';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { authoriseInvoice, recordPayment, undoInvoice } from '@/lib/sale/invoice';
import { authoriseOrder, undoOrder, voidSale } from '@/lib/sale/order';
import { authorisePack, undoPack } from '@/lib/sale/pack';
import { authorisePick, undoPick } from '@/lib/sale/pick';
import { InvoiceInput, PackInput, parseSaleForm, PaymentInput, PickInput, SaleInput, SaleStageInput, ShipInput } from '@/lib/sale/sale-inputs';
import { createSale } from '@/lib/sale/sales';
import { authoriseShip, undoShip } from '@/lib/sale/ship';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { BASE, done } from './stage-done';

const permission = PERMISSION.sale;

export const createSaleAction = action({ input: SaleInput, permission, parse: parseSaleForm }, async (input, { user }) => {
  const sale = await createSale(await getDb(), input, user.id);
  revalidatePath(BASE);
  redirect(`${BASE}/${sale.id}?done=${encodeURIComponent(`Sale ${sale.number} created as Draft. Authorise the order to allocate its stock.`)}`);
});

/** Order → Authorise or Void. */
export const orderAction = action({ input: z.object({ saleId: z.uuid(), move: z.enum(['Authorise', 'Void']) }), permission }, async (input, { user }) => {
  const db = await getDb();
  if (input.move === 'Void') {
    await voidSale(db, input.saleId, user.id);
    done(input.saleId, 'Order', 'Order voided.');
  }
  const sale = await authoriseOrder(db, input.saleId, user.id);
  done(input.saleId, sale.pickStatus === 'Authorised' ? 'Pick' : 'Order', 'Order authorised: stock allocated.');
});

export const pickAction = action({ input: PickInput, permission }, async (input, { user }) => {
  await authorisePick(await getDb(), input.saleId, input.places, user.id);
  done(input.saleId, 'Pick', 'Pick authorised: the stock has left its locations.');
});

export const packAction = action({ input: PackInput, permission }, async (input, { user }) => {
  await authorisePack(await getDb(), input.saleId, input.boxes, user.id);
  done(input.saleId, 'Pack', 'Pack authorised.');
});

export const shipAction = action({ input: ShipInput, permission }, async (input, { user }) => {
  const r = await authoriseShip(await getDb(), input, user.id);
  const fos = r.fulfilmentOrders.map((f) => f.number);
  done(input.saleId, 'Ship', `Ship authorised${fos.length ? `: fulfilment order${fos.length > 1 ? 's' : ''} ${fos.join(', ')} created` : ''}.`);
});

export const invoiceAction = action({ input: InvoiceInput, permission }, async (input, { user }) => {
  await authoriseInvoice(await getDb(), input, user.id);
  done(input.saleId, 'Invoice', 'Invoice authorised.');
});

export const paymentAction = action({ input: PaymentInput, permission }, async (input, { user }) => {
  await recordPayment(await getDb(), input, user.id);
  done(input.saleId, 'Invoice', 'Payment recorded.');
});

/** Undo of any stage (the order included), refused while a later stage built on it is authorised. */
export const undoStageAction = action({ input: SaleStageInput, permission }, async (input, { user }) => {
  const db = await getDb();
  const undo = { Order: undoOrder, Pick: undoPick, Pack: undoPack, Ship: undoShip, Invoice: undoInvoice }[input.stage];
  await undo(db, input.saleId, user.id);
  done(input.saleId, input.stage, `${input.stage} undone.`);
});
