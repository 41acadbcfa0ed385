import { createHash } from 'node:crypto';
import { ConfirmShipmentRequest } from '../lib/fba/sp-api/models/orders';
import { deriveCode, deriveFraction } from './catalog';
import { toIso } from './clock';
import { ApiError, invalidInput, notFound } from './http';
import { MARKETPLACES } from './marketplaces';
import { formatZodIssues } from './api/query';
import type { OrderRecord, SellerState, ShipToRecord } from './state';

// Amazon orders of a sandbox seller (Orders v0): AFN orders ship on the clock, MFN orders wait
// for the seller (confirmShipment); statuses are computed from each order's timeline, never stored.
// A buyer may cancel an order before it ships (admin): Canceled joins the timeline at that moment.

const MINUTE = 60_000;
const DAY = 24 * 3600_000;

export interface NewOrderInput {
  fulfillmentChannel: 'AFN' | 'MFN';
  items: { sellerSku: string; quantity: number; price?: number }[];
  purchaseMs: number;
  canceled?: boolean;
  isPrime?: boolean;
  shipTo?: ShipToRecord;
}

function digits(seed: string, n: number): string {
  return deriveCode(seed, n).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) % 10));
}

function orderIdFor(seller: SellerState, seq: number): string {
  for (let salt = ''; ; salt += '+') {
    const part = (name: string, n: number) => digits(`${seller.sellerId}:${name}:${seq}${salt}`, n);
    const id = `11${part('o1', 1)}-${part('o2', 7)}-${part('o3', 7)}`;
    // Fifteen derived digits rarely collide, but an order must never overwrite another.
    if (!Object.hasOwn(seller.orders, id)) return id;
  }
}

export function addOrder(seller: SellerState, input: NewOrderInput, seq: number): OrderRecord {
  const amazonOrderId = orderIdFor(seller, seq);
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
    ...(input.shipTo ? { shipTo: input.shipTo } : {}),
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

// The AFN orders holding stock, per seller, so that moving the world on each call costs
// O(orders in flight), not a walk of every order (Object.values over 10,000 orders is milliseconds).
// In memory only: built from the orders on first use (after a restart or a reset).
const reservedOrders = new WeakMap<SellerState, Set<OrderRecord>>();

function reservedOf(seller: SellerState): Set<OrderRecord> {
  let set = reservedOrders.get(seller);
  if (!set) {
    set = new Set(Object.values(seller.orders).filter((o) => o.stock === 'reserved'));
    reservedOrders.set(seller, set);
  }
  return set;
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
  reservedOf(seller).add(order);
}

/** Applies shipping of AFN orders placed on the sandbox: reserved units leave the warehouse. */
export function progressOrders(seller: SellerState, now: number): void {
  const reserved = reservedOf(seller);
  for (const order of reserved) {
    if (order.stock !== 'reserved') {
      reserved.delete(order);
      continue;
    }
    const current = orderStatusAt(order, now);
    if (current.status !== 'Shipped') continue;
    for (const item of order.items) {
      const stock = seller.inventory[item.sellerSku];
      if (!stock || !item.reserved) continue;
      stock.pendingCustomerOrder = Math.max(0, stock.pendingCustomerOrder - item.reserved);
      stock.lastUpdatedMs = current.atMs;
    }
    order.stock = 'shipped';
    reserved.delete(order);
  }
}

/** The timeline entry in force at `now` (the first, Pending, for an order not placed yet). */
/** Amazon's LastUpdateDate of the order at `now`: its last status change, never before it was added. */
export function lastUpdateMs(order: OrderRecord, now: number): number {
  return Math.max(orderStatusAt(order, now).atMs, order.addedMs ?? 0);
}

export function orderStatusAt(order: OrderRecord, now: number): OrderRecord['timeline'][number] {
  const { timeline } = order;
  for (let i = timeline.length - 1; i > 0; i -= 1) if (timeline[i].atMs <= now) return timeline[i];
  return timeline[0];
}

/** The admin's (or a test's) order by id, refused when unknown or placed after `now`. */
export function findPlacedOrder(seller: SellerState, amazonOrderId: string, now: number): OrderRecord {
  const order = Object.hasOwn(seller.orders, amazonOrderId) ? seller.orders[amazonOrderId] : undefined;
  if (!order || order.purchaseMs > now) throw notFound(`Order ${amazonOrderId} not found.`);
  return order;
}

/** The status changes due after `now` are dropped; `status` becomes the current one from now on. */
function moveTo(order: OrderRecord, status: OrderRecord['timeline'][number]['status'], now: number): void {
  order.timeline = [...order.timeline.filter((t) => t.atMs <= now), { status, atMs: now }];
}

/**
 * The buyer cancels: allowed while the order is Pending or Unshipped. An AFN order's reserved units
 * go back to fulfillable, and it never ships.
 */
export function cancelOrder(seller: SellerState, order: OrderRecord, now: number): void {
  const current = orderStatusAt(order, now).status;
  if (current !== 'Pending' && current !== 'Unshipped') {
    throw new ApiError(409, 'Conflict', `Order ${order.amazonOrderId} is ${current}: only a Pending or Unshipped order can be canceled.`);
  }
  moveTo(order, 'Canceled', now);
  if (order.stock !== 'reserved') return;
  for (const item of order.items) {
    const stock = seller.inventory[item.sellerSku];
    if (!stock || !item.reserved) continue;
    stock.fulfillable += item.reserved;
    stock.pendingCustomerOrder = Math.max(0, stock.pendingCustomerOrder - item.reserved);
    stock.lastUpdatedMs = now;
  }
  order.stock = 'released';
  reservedOf(seller).delete(order);
}

/**
 * confirmShipment of an MFN order: one package with every item at its full quantity (the sandbox
 * has no PartiallyShipped). The order is Shipped from now. Repeating the confirmation of the same
 * package (a retried call) changes nothing.
 */
export function confirmOrderShipment(order: OrderRecord, body: unknown, now: number): void {
  const parsed = ConfirmShipmentRequest.safeParse(body ?? {});
  if (!parsed.success) throw invalidInput(formatZodIssues(parsed.error.issues));
  const { marketplaceId, packageDetail } = parsed.data;
  const id = order.amazonOrderId;
  if (marketplaceId !== order.marketplaceId) throw invalidInput(`Order ${id} belongs to marketplace ${order.marketplaceId}, not ${marketplaceId}.`);
  if (order.fulfillmentChannel === 'AFN') throw invalidInput(`Order ${id} is fulfilled by Amazon (AFN): Amazon ships it, the seller cannot confirm its shipment.`);
  const current = orderStatusAt(order, now).status;
  if (current === 'Canceled') throw invalidInput(`Order ${id} is Canceled: a canceled order cannot be shipped.`);
  if (current === 'Pending') throw invalidInput(`Order ${id} is Pending: it can be shipped once Amazon has authorised the payment (Unshipped).`);
  if (current === 'Shipped') {
    if (order.shipment?.packageReferenceId === packageDetail.packageReferenceId) return;
    throw invalidInput(`Order ${id} is already Shipped (package ${order.shipment?.packageReferenceId ?? 'unknown'}).`);
  }
  const confirmed = new Map<string, number>();
  for (const line of packageDetail.orderItems) {
    if (!order.items.some((i) => i.orderItemId === line.orderItemId)) throw invalidInput(`Order item ${line.orderItemId} is not on order ${id}.`);
    confirmed.set(line.orderItemId, (confirmed.get(line.orderItemId) ?? 0) + line.quantity);
  }
  for (const item of order.items) {
    const quantity = confirmed.get(item.orderItemId) ?? 0;
    if (quantity > item.quantity) throw invalidInput(`Order item ${item.orderItemId} of order ${id} has ${item.quantity} units; ${quantity} cannot be shipped.`);
    if (quantity < item.quantity) {
      throw invalidInput(`The sandbox ships an order in one package (no PartiallyShipped): confirm every item of order ${id} with its full quantity (item ${item.orderItemId}: ${item.quantity} ordered, ${quantity} confirmed).`);
    }
  }
  moveTo(order, 'Shipped', now);
  order.shipment = {
    packageReferenceId: packageDetail.packageReferenceId,
    carrierCode: packageDetail.carrierCode,
    trackingNumber: packageDetail.trackingNumber,
    shipDateMs: Date.parse(packageDetail.shipDate),
    confirmedMs: now,
  };
}

// Ship-to addresses derived from the order id: the same order always goes to the same buyer.
const FIRST_NAMES = ['Alex', 'Jordan', 'Sam', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn'];
const LAST_NAMES = ['Smith', 'Garcia', 'Nguyen', 'Patel', 'Brown', 'Kowalski', 'Okafor', 'Larsen', 'Moreau', 'Silva'];
const STREETS = ['Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Pine St', 'Elm St', 'Lake Rd', 'Hill Ct'];
const PLACES: Record<string, { city: string; state?: string; postal: (n: number) => string }[]> = {
  US: [
    { city: 'Seattle', state: 'WA', postal: (n) => `981${String(n % 100).padStart(2, '0')}` },
    { city: 'Austin', state: 'TX', postal: (n) => `787${String(n % 100).padStart(2, '0')}` },
    { city: 'Denver', state: 'CO', postal: (n) => `802${String(n % 100).padStart(2, '0')}` },
    { city: 'Columbus', state: 'OH', postal: (n) => `432${String(n % 100).padStart(2, '0')}` },
    { city: 'Raleigh', state: 'NC', postal: (n) => `276${String(n % 100).padStart(2, '0')}` },
  ],
  CA: [
    { city: 'Toronto', state: 'ON', postal: (n) => `M5V ${n % 10}A${(n >> 4) % 10}` },
    { city: 'Vancouver', state: 'BC', postal: (n) => `V6B ${n % 10}K${(n >> 4) % 10}` },
  ],
  MX: [{ city: 'Ciudad de México', state: 'CDMX', postal: (n) => `06${String(n % 1000).padStart(3, '0')}` }],
  GB: [
    { city: 'London', postal: (n) => `SW1A ${1 + (n % 9)}AA` },
    { city: 'Manchester', postal: (n) => `M${1 + (n % 9)} 2AB` },
  ],
  DE: [
    { city: 'Berlin', postal: (n) => `10${String(n % 1000).padStart(3, '0')}` },
    { city: 'München', postal: (n) => `80${String(n % 1000).padStart(3, '0')}` },
  ],
};
const DIAL: Record<string, string> = { US: '+1 206-555-', CA: '+1 416-555-', MX: '+52 55 5555 ', GB: '+44 20 7946 ', DE: '+49 30 5555 ' };

/** The order's ship-to address: as given to the admin create, else derived from the order id. */
export function shipToOf(order: OrderRecord): ShipToRecord {
  if (order.shipTo) return order.shipTo;
  const bytes = createHash('sha256').update(`${order.amazonOrderId}:ship-to`).digest();
  const country = MARKETPLACES[order.marketplaceId]?.countryCode ?? 'US';
  const places = PLACES[country] ?? PLACES.US;
  const place = places[bytes[0] % places.length];
  const number = 100 + bytes.readUInt16BE(1) % 9900;
  const street = STREETS[bytes[3] % STREETS.length];
  return {
    name: `${FIRST_NAMES[bytes[4] % FIRST_NAMES.length]} ${LAST_NAMES[bytes[5] % LAST_NAMES.length]}`,
    line1: country === 'DE' ? `${street} ${number % 200}` : `${number} ${street}`,
    ...(bytes[6] % 10 < 3 ? { line2: `Apt ${1 + (bytes[7] % 40)}` } : {}),
    city: place.city,
    ...(place.state ? { state: place.state } : {}),
    postalCode: place.postal(bytes.readUInt16BE(8)),
    countryCode: country,
    ...(bytes[10] % 10 < 7 ? { phone: `${DIAL[country] ?? DIAL.US}${String(bytes.readUInt16BE(11) % 10000).padStart(4, '0')}` } : {}),
  };
}

/** The admin's view of an order: its status now, its timeline, stock and shipment (for tests). */
export function describeOrder(order: OrderRecord, now: number) {
  const current = orderStatusAt(order, now);
  const shipped = current.status === 'Shipped';
  return {
    amazonOrderId: order.amazonOrderId,
    marketplaceId: order.marketplaceId,
    fulfillmentChannel: order.fulfillmentChannel,
    purchaseDate: toIso(order.purchaseMs),
    status: order.purchaseMs > now ? 'NotPlacedYet' : current.status,
    lastUpdateDate: toIso(current.atMs),
    timeline: order.timeline.map((t) => ({ status: t.status, at: toIso(t.atMs) })),
    stock: order.stock ?? null,
    shipTo: shipToOf(order),
    shipment: order.shipment
      ? {
          packageReferenceId: order.shipment.packageReferenceId,
          carrierCode: order.shipment.carrierCode,
          trackingNumber: order.shipment.trackingNumber,
          shipDate: toIso(order.shipment.shipDateMs),
          confirmedAt: toIso(order.shipment.confirmedMs),
        }
      : null,
    items: order.items.map((i) => ({
      orderItemId: i.orderItemId,
      sellerSku: i.sellerSku,
      asin: i.asin,
      title: i.title,
      quantity: i.quantity,
      quantityShipped: shipped ? i.quantity : 0,
      price: i.price,
      reserved: i.reserved ?? 0,
    })),
  };
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
