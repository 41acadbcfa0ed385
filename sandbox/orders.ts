import { deriveCode, deriveFraction } from './catalog';
import type { OrderRecord, SellerState } from './state';

// Amazon orders of a sandbox seller (Orders v0): AFN orders ship on the clock, MFN orders wait
// for the seller; statuses are computed from each order's timeline, never stored.

const MINUTE = 60_000;
const DAY = 24 * 3600_000;

export interface NewOrderInput {
  fulfillmentChannel: 'AFN' | 'MFN';
  items: { sellerSku: string; quantity: number; price?: number }[];
  purchaseMs: number;
  canceled?: boolean;
  isPrime?: boolean;
}

function digits(seed: string, n: number): string {
  return deriveCode(seed, n).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) % 10));
}

export function addOrder(seller: SellerState, input: NewOrderInput, seq: number): OrderRecord {
  const amazonOrderId = `11${digits(`${seller.sellerId}:o1:${seq}`, 1)}-${digits(`${seller.sellerId}:o2:${seq}`, 7)}-${digits(`${seller.sellerId}:o3:${seq}`, 7)}`;
  const at = (offset: number) => input.purchaseMs + offset;
  const timeline: OrderRecord['timeline'] = [{ status: 'Pending', atMs: at(0) }];
  if (input.canceled) timeline.push({ status: 'Canceled', atMs: at(60 * MINUTE) });
  else {
    timeline.push({ status: 'Unshipped', atMs: at(30 * MINUTE) });
    if (input.fulfillmentChannel === 'AFN') timeline.push({ status: 'Shipped', atMs: at(DAY) });
  }
  const order: OrderRecord = {
    amazonOrderId,
    marketplaceId: seller.marketplaceIds[0],
    fulfillmentChannel: input.fulfillmentChannel,
    purchaseMs: input.purchaseMs,
    timeline,
    isPrime: input.isPrime ?? input.fulfillmentChannel === 'AFN',
    items: input.items.map((item, n) => {
      const stock = seller.inventory[item.sellerSku];
      return {
        orderItemId: digits(`${amazonOrderId}:item:${n}`, 14),
        sellerSku: item.sellerSku,
        asin: stock?.asin ?? `B0${deriveCode(item.sellerSku, 8)}`,
        title: stock?.productName ?? item.sellerSku,
        quantity: item.quantity,
        price: item.price ?? 9.99 + Math.round(deriveFraction(`${item.sellerSku}:price`) * 4000) / 100,
      };
    }),
  };
  seller.orders[amazonOrderId] = order;
  return order;
}

/** An AFN order takes its units from fulfillable into reserved until Amazon ships it. */
export function reserveOrderStock(seller: SellerState, order: OrderRecord, now: number): void {
  if (order.fulfillmentChannel !== 'AFN' || order.timeline.some((t) => t.status === 'Canceled')) return;
  for (const item of order.items) {
    const stock = seller.inventory[item.sellerSku];
    const take = Math.min(item.quantity, stock?.fulfillable ?? 0);
    item.reserved = take;
    if (stock && take > 0) {
      stock.fulfillable -= take;
      stock.pendingCustomerOrder += take;
      stock.lastUpdatedMs = now;
    }
  }
  order.stock = 'reserved';
}

/** Applies shipping of AFN orders placed on the sandbox: reserved units leave the warehouse. */
export function progressOrders(seller: SellerState, now: number): void {
  for (const order of Object.values(seller.orders)) {
    if (order.stock !== 'reserved') continue;
    const current = orderStatusAt(order, now);
    if (current.status !== 'Shipped') continue;
    for (const item of order.items) {
      const stock = seller.inventory[item.sellerSku];
      if (!stock || !item.reserved) continue;
      stock.pendingCustomerOrder = Math.max(0, stock.pendingCustomerOrder - item.reserved);
      stock.lastUpdatedMs = current.atMs;
    }
    order.stock = 'shipped';
  }
}

export function orderStatusAt(order: OrderRecord, now: number) {
  return order.timeline.filter((t) => t.atMs <= now).at(-1) ?? order.timeline[0];
}

/** Two weeks of history for the demo seller: mostly FBA (AFN) orders, some merchant-fulfilled. */
export function seedDemoOrders(seller: SellerState, nowMs: number, nextSeq: () => number): void {
  for (let n = 0; n < 12; n += 1) {
    const sku = `DEMO-${String(1 + ((n * 7) % 19)).padStart(3, '0')}`;
    const second = n % 3 === 0 ? [{ sellerSku: `DEMO-${String(1 + ((n * 5 + 3) % 19)).padStart(3, '0')}`, quantity: 1 }] : [];
    addOrder(
      seller,
      {
        fulfillmentChannel: n % 4 === 3 ? 'MFN' : 'AFN',
        canceled: n === 5,
        purchaseMs: nowMs - (14 - n) * DAY + n * 37 * MINUTE,
        items: [{ sellerSku: sku, quantity: 1 + (n % 3) }, ...second],
      },
      nextSeq(),
    );
  }
}
