import { CUSTOMER_RETURNS_COLUMNS, RETURN_DISPOSITIONS, RETURN_REASONS } from '../lib/fba/sp-api/models/reports';
import { deriveCode, deriveFnSku, deriveFraction, upsertInventoryItem } from './catalog';
import { toIso } from './clock';
import { invalidInput } from './http';
import { WAREHOUSES } from './inbound-progress';
import { orderStatusAt } from './orders';
import { nextSeq, type CustomerReturnRecord, type OrderRecord, type SandboxState, type SellerState } from './state';

// Customer returns of Amazon-fulfilled (AFN) orders, as Amazon's FBA customer returns report lists
// them. A return reaches the seller's FBA stock at its return date (sandbox clock): a SELLABLE unit
// back to fulfillable, DAMAGED / CARRIER_DAMAGED units become Amazon's (reimbursed, no stock), any
// other disposition to unfulfillable (the seller's, unsellable).

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface CustomerReturnInput {
  orderId: string;
  sellerSku: string;
  quantity: number;
  disposition?: string;
  reason?: string;
  /** Sandbox ms; default now. */
  returnMs?: number;
  comment?: string;
}

/** Amazon owns these units once returned and reimburses the seller. */
const AMAZON_OWNED = new Set(['DAMAGED', 'CARRIER_DAMAGED']);

export function returnStatus(disposition: string): string {
  return AMAZON_OWNED.has(disposition) ? 'Reimbursed' : 'Unit returned to inventory';
}

/** When the order's units left Amazon's warehouse, or null while it has not shipped by `now`. */
function shippedAt(order: OrderRecord, now: number): number | null {
  const shipped = order.timeline.find((t) => t.status === 'Shipped');
  return shipped && shipped.atMs <= now ? shipped.atMs : null;
}

/** Units of a SKU that can still be returned on an order: shipped minus already returned. */
function returnableUnits(seller: SellerState, order: OrderRecord, sellerSku: string): number {
  const shipped = order.items.filter((i) => i.sellerSku === sellerSku).reduce((n, i) => n + i.quantity, 0);
  const returned = Object.values(seller.customerReturns)
    .filter((r) => r.amazonOrderId === order.amazonOrderId && r.sellerSku === sellerSku)
    .reduce((n, r) => n + r.quantity, 0);
  return shipped - returned;
}

/** Records a customer return (admin endpoint); refuses what Amazon could never report. */
export function addCustomerReturn(state: SandboxState, seller: SellerState, input: CustomerReturnInput, now: number): CustomerReturnRecord {
  const order = Object.hasOwn(seller.orders, input.orderId) ? seller.orders[input.orderId] : undefined;
  if (!order || order.purchaseMs > now) throw invalidInput(`Order ${input.orderId} not found for seller ${seller.sellerId}.`);
  if (order.fulfillmentChannel !== 'AFN') throw invalidInput(`Order ${input.orderId} is merchant-fulfilled (MFN); only Amazon-fulfilled orders have FBA customer returns.`);
  const item = order.items.find((i) => i.sellerSku === input.sellerSku);
  if (!item) throw invalidInput(`SKU ${input.sellerSku} is not on order ${input.orderId}.`);
  const shipped = shippedAt(order, now);
  if (shipped === null) throw invalidInput(`Order ${input.orderId} has not shipped (status ${orderStatusAt(order, now).status}); nothing can be returned yet.`);
  const returnMs = input.returnMs ?? now;
  if (returnMs < shipped) throw invalidInput(`A return of order ${input.orderId} cannot be dated before it shipped (${toIso(shipped)}).`);
  const returnable = returnableUnits(seller, order, input.sellerSku);
  if (input.quantity > returnable) throw invalidInput(`Order ${input.orderId} has ${returnable} returnable unit(s) of ${input.sellerSku}; ${input.quantity} requested.`);
  const disposition = input.disposition ?? 'SELLABLE';
  return recordReturn(state, seller, order, item, { ...input, returnMs, disposition, reason: input.reason ?? 'UNWANTED_ITEM' });
}

function recordReturn(
  state: SandboxState,
  seller: SellerState,
  order: OrderRecord,
  item: OrderRecord['items'][number],
  input: CustomerReturnInput & { returnMs: number; disposition: string; reason: string },
): CustomerReturnRecord {
  const seq = nextSeq(state);
  const stock = seller.inventory[item.sellerSku];
  const record: CustomerReturnRecord = {
    returnId: `CR${seq}`,
    amazonOrderId: order.amazonOrderId,
    marketplaceId: order.marketplaceId,
    sellerSku: item.sellerSku,
    asin: stock?.asin ?? item.asin,
    fnSku: stock?.fnSku ?? deriveFnSku(item.sellerSku),
    productName: stock?.productName ?? item.title,
    quantity: input.quantity,
    returnMs: input.returnMs,
    fulfillmentCenterId: WAREHOUSES[Math.floor(deriveFraction(`${order.amazonOrderId}:return-fc`) * WAREHOUSES.length)],
    detailedDisposition: input.disposition,
    reason: input.reason,
    status: returnStatus(input.disposition),
    licensePlateNumber: `LPN${deriveCode(`${seller.sellerId}:lpn:${seq}`, 10)}`,
    // The report is tab-separated: a comment must not break its row.
    customerComments: (input.comment ?? '').replace(/[\t\r\n]+/g, ' ').trim(),
    applied: false,
  };
  seller.customerReturns[record.returnId] = record;
  return record;
}

/** Puts returned units into the seller's FBA stock once their return date has come. */
function applyReturn(seller: SellerState, record: CustomerReturnRecord): void {
  record.applied = true;
  if (AMAZON_OWNED.has(record.detailedDisposition)) return;
  const stock = seller.inventory[record.sellerSku] ?? upsertInventoryItem(seller, { sellerSku: record.sellerSku, asin: record.asin, fnSku: record.fnSku, productName: record.productName }, record.returnMs);
  if (record.detailedDisposition === 'SELLABLE') stock.fulfillable += record.quantity;
  else stock.unfulfillable += record.quantity;
  stock.lastUpdatedMs = Math.max(stock.lastUpdatedMs, record.returnMs);
}

/**
 * Records the automatic returns (fault customerReturnShare) whose day has come and applies every
 * return due by `now`. Which orders come back, when, how and why is fixed by the order id, so a
 * repeated test sees the same returns.
 */
export function progressCustomerReturns(state: SandboxState, seller: SellerState, now: number): void {
  const share = state.faults.customerReturnShare;
  if (share > 0) {
    for (const order of Object.values(seller.orders)) {
      if (order.autoReturned || order.fulfillmentChannel !== 'AFN') continue;
      const id = order.amazonOrderId;
      if (deriveFraction(`${id}:return`) >= share) continue;
      const shipped = shippedAt(order, now);
      if (shipped === null) continue;
      const returnMs = shipped + 2 * DAY + Math.floor(deriveFraction(`${id}:return-day`) * 20 * DAY);
      if (returnMs > now) continue;
      order.autoReturned = true;
      const item = order.items[0];
      if (returnableUnits(seller, order, item.sellerSku) < 1) continue;
      const pick = <T>(list: readonly T[], salt: string) => list[Math.floor(deriveFraction(`${id}:${salt}`) * list.length)];
      // Most returned units are resold: half are SELLABLE, the rest spread over the other codes.
      const disposition = deriveFraction(`${id}:return-sellable`) < 0.5 ? 'SELLABLE' : pick(RETURN_DISPOSITIONS.slice(1), 'return-disposition');
      recordReturn(state, seller, order, item, { orderId: id, sellerSku: item.sellerSku, quantity: 1, returnMs, disposition, reason: pick(RETURN_REASONS, 'return-reason') });
    }
  }
  for (const record of Object.values(seller.customerReturns)) if (!record.applied && record.returnMs <= now) applyReturn(seller, record);
}

/** The report's rows: returns of the marketplaces dated within [startMs, endMs], oldest first. */
export function renderCustomerReturnsReport(seller: SellerState, range: { startMs: number; endMs: number; marketplaceIds: string[] }): string | null {
  const rows = Object.values(seller.customerReturns)
    .filter((r) => r.returnMs >= range.startMs && r.returnMs <= range.endMs && range.marketplaceIds.includes(r.marketplaceId))
    .sort((a, b) => a.returnMs - b.returnMs || a.returnId.localeCompare(b.returnId, 'en', { numeric: true }))
    .map((r) => [
      toIso(r.returnMs).replace(/\.\d{3}Z$/, '+00:00'), r.amazonOrderId, r.sellerSku, r.asin, r.fnSku, r.productName, String(r.quantity),
      r.fulfillmentCenterId, r.detailedDisposition, r.reason, r.status, r.licensePlateNumber, r.customerComments,
    ]);
  if (rows.length === 0) return null;
  return [CUSTOMER_RETURNS_COLUMNS, ...rows].map((cells) => cells.join('\t')).join('\n') + '\n';
}
