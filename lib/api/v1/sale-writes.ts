import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db';
import { products } from '@/db/schema';
import { isDomainError } from '@/lib/errors';
import { invoiceDates, authoriseInvoice } from '@/lib/sale/invoice';
import { authoriseOrder } from '@/lib/sale/order';
import { authorisePack } from '@/lib/sale/pack';
import { authorisePick, pickLinesOf } from '@/lib/sale/pick';
import { copyFromPack, authoriseShip } from '@/lib/sale/ship';
import { InvoiceInput, PackInput, PickInput, SaleInput, ShipInput } from '@/lib/sale/sale-inputs';
import { createSale, saleDefaultsFor } from '@/lib/sale/sales';
import { lockSale } from '@/lib/sale/sale-write';
import { SHIPPING_OPTIONS } from '@/lib/sale/shipping-options';
import { ApiRefusal, pointerOf, type FieldProblem } from '../problem';
import { Decimal, refusalInBody } from './common';
import { saleGet } from './sales';

// Sales written through the API: each body is turned into what the screen's form sends and parsed
// by the form's own schema, then the screen's domain function runs. So a field is refused with the
// form's words, at a JSON Pointer into the body, and a stage is authorised by the same rules.

const REFUSED = 'Check the fields listed in errors.';
/** The forms' schemas need a sale id; the API's comes from the path, so a stand-in is parsed. */
const PATH_SALE = '00000000-0000-4000-8000-000000000000';

function refuse(errors: FieldProblem[]): never {
  throw new ApiRefusal(422, REFUSED, errors);
}

const ShipTo = z
  .strictObject({
    name: z.string(),
    line1: z.string(),
    line2: z.string().nullable().optional(),
    city: z.string(),
    state: z.string().nullable().optional(),
    postalCode: z.string(),
    country: z.string().describe('ISO 3166 two-letter code.'),
    phone: z.string().nullable().optional(),
  })
  .describe('Where the goods go. Left out: the customer’s shipping address, as the New sale form fills it in.');

const SHIP_TO_KEYS = { shipToName: 'name', shipToLine1: 'line1', shipToLine2: 'line2', shipToCity: 'city', shipToState: 'state', shipToPostalCode: 'postalCode', shipToCountry: 'country', shipToPhone: 'phone' } as const;

export const CreateSaleBody = z.strictObject({
  customerId: z.string().describe('The customer’s id.'),
  priceTier: z.number().optional().describe('1–10; left out: the customer’s tier. A line without a price takes the product’s price in it.'),
  shipTo: ShipTo.optional(),
  customerReference: z.string().nullable().optional(),
  comment: z.string().nullable().optional().describe('Printed by Amazon on the packing slip of the sale’s fulfilment orders.'),
  shippingOption: z.enum(SHIPPING_OPTIONS, `shippingOption is one of ${SHIPPING_OPTIONS.join(', ')}.`).optional().describe('Left out: Standard. Ship offers it again.'),
  lines: z.array(
    z.strictObject({
      productId: z.string().optional().describe('The product’s id (or give its `sku`).'),
      sku: z.string().optional(),
      quantity: z.number().describe('A whole number above 0.'),
      price: Decimal.optional().describe('A unit price as decimal text (up to 2 decimals); left out: the product’s price in the sale’s tier.'),
      locationId: z.string().optional().describe('Where it is picked from; left out: the product’s default location.'),
    }),
  ).describe('Each `{ productId or sku, quantity, price, locationId }`; at least one.'),
});

/** A form key of the sale's rules ("sku.2", "shipToCity") → where it sits in the JSON body. */
function createPath(body: z.output<typeof CreateSaleBody>) {
  return (key: PropertyKey): PropertyKey[] => {
    const k = String(key);
    if (k in SHIP_TO_KEYS) return ['shipTo', SHIP_TO_KEYS[k as keyof typeof SHIP_TO_KEYS]];
    const m = /^(\w+)\.(\d+)$/.exec(k);
    if (!m) return [k];
    const i = Number(m[2]);
    if (!body.lines[i]) return ['lines'];
    if (m[1] === 'sku') return ['lines', i, body.lines[i]?.productId !== undefined ? 'productId' : 'sku'];
    return ['lines', i, m[1] === 'location' ? 'locationId' : m[1]!];
  };
}

/**
 * POST /sales: a Draft sale through Sale → New's schema (SaleInput) and createSale. The customer's
 * tier and address fill what the body leaves out, as the form does when a customer is chosen.
 */
export async function saleCreate(db: Db | Tx, body: z.output<typeof CreateSaleBody>, userId: string) {
  const path = createPath(body);
  const errors: FieldProblem[] = [];
  const defaults = z.uuid().safeParse(body.customerId).success ? await saleDefaultsFor(db, body.customerId) : null;
  if (!defaults) errors.push({ detail: 'No customer has this id.', pointer: '/customerId' });
  const ids = body.lines.flatMap((l) => (l.productId !== undefined && z.uuid().safeParse(l.productId).success ? [l.productId] : []));
  const skuOf = new Map(ids.length ? (await db.select({ id: products.id, sku: products.sku }).from(products).where(inArray(products.id, ids))).map((p) => [p.id, p.sku]) : []);
  const lines = body.lines.map((l, index) => {
    if ((l.productId === undefined) === (l.sku === undefined)) errors.push({ detail: 'Give the product’s productId or its sku (one of them).', pointer: pointerOf(['lines', index]) });
    else if (l.productId !== undefined && !skuOf.has(l.productId)) errors.push({ detail: 'No product has this id.', pointer: pointerOf(['lines', index, 'productId']) });
    return {
      index,
      sku: l.sku ?? skuOf.get(l.productId ?? '') ?? '',
      quantity: Number.isFinite(l.quantity) ? String(l.quantity) : 'x',
      price: l.price ?? '',
      location: l.locationId ?? '',
    };
  });
  const to = body.shipTo;
  const parsed = SaleInput.safeParse({
    customerId: body.customerId,
    priceTier: body.priceTier ?? defaults?.priceTier ?? 1,
    shipToName: to ? to.name : defaults?.shipToName,
    shipToLine1: to ? to.line1 : defaults?.shipToLine1,
    shipToLine2: to ? (to.line2 ?? '') : defaults?.shipToLine2,
    shipToCity: to ? to.city : defaults?.shipToCity,
    shipToState: to ? (to.state ?? '') : defaults?.shipToState,
    shipToPostalCode: to ? to.postalCode : defaults?.shipToPostalCode,
    shipToCountry: to ? to.country : defaults?.shipToCountry,
    shipToPhone: to ? (to.phone ?? '') : defaults?.shipToPhone,
    customerReference: body.customerReference ?? '',
    comment: body.comment ?? '',
    lines,
  });
  if (!parsed.success)
    for (const i of parsed.error.issues) {
      // No customer, no address to copy: the customer is the one thing to fix.
      if (!defaults && !to && String(i.path[0]) in SHIP_TO_KEYS) continue;
      const pointer = pointerOf([...path(i.path[0] ?? ''), ...i.path.slice(1)]);
      // An unknown customer or product is said once, not again as the form's "choose one".
      if (!errors.some((e) => pointer === e.pointer || pointer.startsWith(`${e.pointer}/`))) errors.push({ detail: i.message, pointer });
    }
  if (errors.length || !parsed.success) refuse(errors);
  try {
    const sale = await createSale(db, { ...parsed.data, shippingOption: body.shippingOption }, userId);
    return saleGet(db, sale.id);
  } catch (e) {
    throw refusalInBody(e, path);
  }
}

const PickLineNo = z.number().int('pickLineNo is a pick line’s number (`picked[].lineNo`).').min(1, 'pickLineNo is a pick line’s number (`picked[].lineNo`).').max(9999, 'pickLineNo is a pick line’s number (`picked[].lineNo`).');

export const PickBody = z.strictObject({
  places: z
    .array(z.strictObject({ pickLineNo: PickLineNo, locationId: z.string(), binId: z.string().nullable().optional().describe('Required at a location with bins.') }))
    .optional()
    .describe('Another place for some pick lines, each `{ pickLineNo, locationId, binId }`; left out: each line where the order drafted it, as the Pick tab shows.'),
});

export const PackBody = z.strictObject({
  boxes: z.array(z.strictObject({ pickLineNo: PickLineNo, boxNo: z.number() })).optional().describe('A box per pick line, each `{ pickLineNo, boxNo }`; left out: own stock in box 1 and one box per FBA location, as the Pack tab offers.'),
});

export const ShipBody = z.strictObject({
  shippingOption: z.enum(SHIPPING_OPTIONS, `shippingOption is one of ${SHIPPING_OPTIONS.join(', ')}.`).optional().describe('Left out: the sale’s.'),
  carrier: z.string().nullable().optional(),
  trackingNumber: z.string().nullable().optional(),
  shippedAt: z.iso.datetime({ offset: true, message: 'shippedAt is a date and time like 2026-11-30T14:05:00Z.' }).optional().describe('When the goods left (not in the future); left out: not reported.'),
  skipFulfilment: z.boolean().optional().describe('Send no fulfilment order to Amazon for FBA lines; left out: as the sale has it.'),
  lines: z
    .array(z.strictObject({ pickLineNo: PickLineNo, quantity: z.number() }))
    .optional()
    .describe('What ships, each `{ pickLineNo, quantity }` (`picked[].lineNo`); left out: every picked line in full (Copy from Pack).'),
});

export const InvoiceBody = z.strictObject({
  dueDate: z.string().optional().describe('YYYY-MM-DD (UTC); left out: 30 days from today, as the Invoice tab offers.'),
});

/** The form's issues (keyed `place.3`, `box.3`, `quantity.3`) pointing at the body's entry for that pick line. */
function stagePath(list: 'places' | 'boxes' | 'lines', field: string, entries: { pickLineNo: number }[] | undefined) {
  return (key: PropertyKey): PropertyKey[] => {
    const m = /^\w+\.(\d+)$/.exec(String(key));
    if (!m) return [key];
    const i = (entries ?? []).findIndex((e) => e.pickLineNo === Number(m[1]));
    return i < 0 ? [list] : [list, i, field];
  };
}

function parseForm<S extends z.ZodType>(schema: S, form: Record<string, unknown>, path: (key: PropertyKey) => PropertyKey[]): z.output<S> {
  const parsed = schema.safeParse(form);
  if (parsed.success) return parsed.data;
  refuse(parsed.error.issues.map((i) => ({ detail: i.message, pointer: pointerOf([...path(i.path[0] ?? ''), ...i.path.slice(1)]) })));
}

/**
 * A body naming a pick line the sale does not have is refused at that entry (the forms only ever
 * send the lines they show). A sale with no pick lines yet is left to the stage's own refusal.
 */
async function refuseUnknownPickLines(db: Db | Tx, saleId: string, list: 'places' | 'boxes' | 'lines', entries: { pickLineNo: number }[] | undefined) {
  if (!entries?.length) return;
  const known = new Set((await pickLinesOf(db, saleId)).map((l) => l.lineNo));
  if (known.size === 0) return;
  const errors = entries.flatMap((e, i) => (known.has(e.pickLineNo) ? [] : [{ detail: `The sale has no pick line ${e.pickLineNo} (see picked[].lineNo).`, pointer: pointerOf([list, i, 'pickLineNo']) }]));
  if (errors.length) refuse(errors);
}

/** Runs a stage's domain function; its refusals keep the screen's words (409 when the sale is not ready). */
async function stage<T>(db: Db | Tx, saleId: string, path: (key: PropertyKey) => PropertyKey[], run: () => Promise<T>) {
  try {
    await run();
  } catch (e) {
    // A field-level refusal of the body is a 422; a sale that is not ready for the stage keeps its 409.
    throw isDomainError(e) && e.code === 'INVALID_INPUT' ? refusalInBody(e, path) : e;
  }
  return saleGet(db, saleId);
}

export const saleAuthoriseOrder = (db: Db | Tx, saleId: string, userId: string) => stage(db, saleId, (k) => [k], () => authoriseOrder(db, saleId, userId));

export async function saleAuthorisePick(db: Db | Tx, saleId: string, body: z.output<typeof PickBody>, userId: string) {
  const path = stagePath('places', 'locationId', body.places);
  const form = Object.fromEntries((body.places ?? []).map((p) => [`place.${p.pickLineNo}`, p.binId ? `${p.locationId}/${p.binId}` : p.locationId]));
  const input = parseForm(PickInput, { saleId: PATH_SALE, ...form }, path);
  await refuseUnknownPickLines(db, saleId, 'places', body.places);
  return stage(db, saleId, path, () => authorisePick(db, saleId, input.places, userId));
}

export async function saleAuthorisePack(db: Db | Tx, saleId: string, body: z.output<typeof PackBody>, userId: string) {
  const path = stagePath('boxes', 'boxNo', body.boxes);
  const form = Object.fromEntries((body.boxes ?? []).map((b) => [`box.${b.pickLineNo}`, Number.isFinite(b.boxNo) ? String(b.boxNo) : 'x']));
  const input = parseForm(PackInput, { saleId: PATH_SALE, ...form }, path);
  await refuseUnknownPickLines(db, saleId, 'boxes', body.boxes);
  return stage(db, saleId, path, () => authorisePack(db, saleId, input.boxes, userId));
}

/** Ship → Authorise as an outside warehouse reports it: carrier, tracking number, when it left. */
export async function saleAuthoriseShip(db: Db | Tx, saleId: string, body: z.output<typeof ShipBody>, userId: string) {
  const shippedAt = body.shippedAt === undefined ? null : new Date(body.shippedAt);
  if (shippedAt && shippedAt.getTime() > Date.now() + 5 * 60_000) refuse([{ detail: 'shippedAt is in the future.', pointer: '/shippedAt' }]);
  const path = (k: PropertyKey) => (String(k) === 'shippedAt' ? ['shippedAt'] : stagePath('lines', 'quantity', body.lines)(k));
  await refuseUnknownPickLines(db, saleId, 'lines', body.lines);
  return stage(db, saleId, path, () =>
    db.transaction(async (tx) => {
      // The defaults are the sale's as the Ship tab shows them, read under the lock authoriseShip takes again.
      const sale = await lockSale(tx, saleId);
      const lines = body.lines ?? (await copyFromPack(tx, sale)).map((l) => ({ pickLineNo: l.pickLineNo, quantity: l.quantity }));
      const form: Record<string, unknown> = {
        saleId: PATH_SALE,
        shippingOption: body.shippingOption ?? sale.shippingOption,
        carrier: body.carrier ?? '',
        trackingNumber: body.trackingNumber ?? '',
        ...((body.skipFulfilment ?? sale.skipFulfilment) ? { skipFulfilment: 'on' } : {}),
        ...Object.fromEntries(lines.map((l) => [`quantity.${l.pickLineNo}`, Number.isFinite(l.quantity) ? String(l.quantity) : 'x'])),
      };
      const input = parseForm(ShipInput, form, path);
      return authoriseShip(tx, { ...input, saleId, shippedAt }, userId);
    }),
  );
}

export function saleAuthoriseInvoice(db: Db | Tx, saleId: string, body: z.output<typeof InvoiceBody>, userId: string) {
  const input = parseForm(InvoiceInput, { saleId: PATH_SALE, dueDate: body.dueDate ?? invoiceDates().due }, (k) => [k]);
  return stage(db, saleId, (k) => [k], () => authoriseInvoice(db, { saleId, dueDate: input.dueDate }, userId));
}
