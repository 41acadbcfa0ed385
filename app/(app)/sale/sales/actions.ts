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
import type { SaleDone } from '@/lib/sale/done-message';
import { BASE, done } from './stage-done';

const permission = PERMISSION.sale;

export const createSaleAction = action({ input: SaleInput, permission, parse: parseSaleForm }, async (input, { user }) => {
  const sale = await createSale(await getDb(), input, user.id);
  revalidatePath(BASE);
  redirect(`${BASE}/${sale.id}?done=${'created' satisfies SaleDone}`);
});

/** Order → Authorise or Void. */
export const orderAction = action({ input: z.object({ saleId: z.uuid(), move: z.enum(['Authorise', 'Void']) }), permission }, async (input, { user }) => {
  const db = await getDb();
  if (input.move === 'Void') {
    await voidSale(db, input.saleId, user.id);
    done(input.saleId, 'Order', 'order-voided');
  }
  const sale = await authoriseOrder(db, input.saleId, user.id);
  done(input.saleId, sale.pickStatus === 'Authorised' ? 'Pick' : 'Order', 'order-authorised');
});

export const pickAction = action({ input: PickInput, permission }, async (input, { user }) => {
  await authorisePick(await getDb(), input.saleId, input.places, user.id);
  done(input.saleId, 'Pick', 'pick');
});

export const packAction = action({ input: PackInput, permission }, async (input, { user }) => {
  await authorisePack(await getDb(), input.saleId, input.boxes, user.id);
  done(input.saleId, 'Pack', 'pack');
});

export const shipAction = action({ input: ShipInput, permission }, async (input, { user }) => {
  await authoriseShip(await getDb(), input, user.id);
  done(input.saleId, 'Ship', 'ship');
});

export const invoiceAction = action({ input: InvoiceInput, permission }, async (input, { user }) => {
  await authoriseInvoice(await getDb(), input, user.id);
  done(input.saleId, 'Invoice', 'invoice');
});

export const paymentAction = action({ input: PaymentInput, permission }, async (input, { user }) => {
  await recordPayment(await getDb(), input, user.id);
  done(input.saleId, 'Invoice', 'payment');
});

/** Undo of any stage (the order included), refused while a later stage built on it is authorised. */
export const undoStageAction = action({ input: SaleStageInput, permission }, async (input, { user }) => {
  const db = await getDb();
  const undo = { Order: undoOrder, Pick: undoPick, Pack: undoPack, Ship: undoShip, Invoice: undoInvoice }[input.stage];
  await undo(db, input.saleId, user.id);
  done(input.saleId, input.stage, `undo-${input.stage}`);
});
