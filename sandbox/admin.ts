import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { findApplicationByClient } from './apps';
import { expireAllTokens } from './auth';
import { totalQuantity, upsertInventoryItem } from './catalog';
import { toIso } from './clock';
import type { SandboxContext } from './context';
import { ApiError, invalidInput, notFound } from './http';
import { addSeller, seedDemoSeller } from './seed';
import { addCustomerReturn } from './customer-returns';
import { addOrder, cancelOrder, describeOrder, reserveOrderStock } from './orders';
import { createEmptyState, DEFAULT_FAULTS, nextSeq, RETURN_RECEIVED_CONDITIONS, type CustomerReturnRecord, type SandboxState, type SellerState } from './state';
import { formatZodIssues } from './api/query';
import { advanceWorld } from './world';

// Admin endpoints under /_sandbox/ (not Amazon's): what tests and demos use to shape the world.

const share = z.number().min(0).max(1);
const ItemInput = z.object({
  sellerSku: z.string().min(1).max(50),
  productName: z.string().optional(),
  asin: z.string().regex(/^B0[0-9A-Z]{8}$/).optional(),
  fnSku: z.string().regex(/^X00[0-9A-Z]{7}$/).optional(),
  fulfillable: z.number().int().min(0).optional(),
  inboundWorking: z.number().int().min(0).optional(),
  inboundShipped: z.number().int().min(0).optional(),
  inboundReceiving: z.number().int().min(0).optional(),
  unfulfillable: z.number().int().min(0).optional(),
  researching: z.number().int().min(0).optional(),
});
const SellerInput = z.object({
  sellerId: z.string().regex(/^[A-Z0-9]{6,20}$/),
  storeName: z.string().min(1),
  marketplaceIds: z.array(z.string()).min(1).optional(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  applicationId: z.string().regex(/^amzn1\.sp\.solution\.[A-Za-z0-9-]{1,100}$/).optional(),
  appName: z.string().min(1).max(100).optional(),
  refreshToken: z.string().min(1),
  items: z.array(ItemInput).optional(),
});
const ShipToInput = z.object({
  name: z.string().min(1).max(100),
  line1: z.string().min(1).max(180),
  line2: z.string().min(1).max(60).optional(),
  city: z.string().min(1).max(50),
  state: z.string().min(1).max(50).optional(),
  postalCode: z.string().min(1).max(20),
  countryCode: z.string().regex(/^[A-Z]{2}$/),
  phone: z.string().min(1).max(30).optional(),
});
const OrderInput = z.object({
  fulfillmentChannel: z.enum(['AFN', 'MFN']),
  items: z.array(z.object({ sellerSku: z.string().min(1), quantity: z.number().int().min(1), price: z.number().min(0).optional() })).min(1),
  purchaseDate: z.iso.datetime().optional(),
  canceled: z.boolean().optional(),
  isPrime: z.boolean().optional(),
  shipTo: ShipToInput.optional(),
});
/** One request may place this many orders (benchmarks of a store's 10,000 orders). */
const MAX_ORDERS_PER_REQUEST = 10_000;
const ReturnInput = z.object({
  orderId: z.string().min(1),
  sellerSku: z.string().min(1),
  quantity: z.number().int().min(1),
  disposition: z.string().regex(/^[A-Z_]{3,40}$/).optional(),
  reason: z.string().regex(/^[A-Z_]{3,40}$/).optional(),
  returnDate: z.iso.datetime({ offset: true }).optional(),
  comment: z.string().max(500).optional(),
});
const ClockInput = z.object({ advanceMs: z.number().min(0).optional(), advanceSeconds: z.number().min(0).optional(), speed: z.number().positive().max(1_000_000).optional() });
const FaultsInput = z.object({
  errorShare: share.optional(),
  slowShare: share.optional(),
  slowMs: z.number().int().min(0).max(120_000).optional(),
  lostAnswerShare: share.optional(),
  throttleStormSeconds: z.number().min(0).optional(),
  rejectedAddresses: z.array(z.string()).optional(),
  refusedAddresses: z.array(z.string()).optional(),
  lostPackageShare: share.optional(),
  shortReceiptShare: share.optional(),
  customerReturnShare: share.optional(),
});

export interface AdminResult {
  status: number;
  body: unknown;
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw invalidInput(formatZodIssues(parsed.error.issues));
  return parsed.data;
}

export function handleAdmin(ctx: SandboxContext, method: string, pathname: string, body: unknown): AdminResult {
  const state = ctx.store.state;
  const route = `${method} ${pathname.replace(/\/+$/, '')}`;
  const ordersRoute = /^POST \/_sandbox\/sellers\/([^/]+)\/orders$/.exec(route);
  if (ordersRoute) {
    const seller = sellerOf(state, ordersRoute[1]);
    const { orders } = parse(z.object({ orders: z.array(OrderInput).min(1).max(MAX_ORDERS_PER_REQUEST) }), body);
    const now = ctx.clock.now();
    const created = orders.map((o) => {
      const order = addOrder(seller, { ...o, purchaseMs: o.purchaseDate ? Date.parse(o.purchaseDate) : now }, nextSeq(state));
      order.addedMs = now;
      reserveOrderStock(seller, order, now);
      return order.amazonOrderId;
    });
    return { status: 201, body: { amazonOrderIds: created } };
  }
  const orderRoute = /^(GET|POST) \/_sandbox\/sellers\/([^/]+)\/orders\/([^/]+?)(\/cancel)?$/.exec(route);
  if (orderRoute && (orderRoute[1] === 'GET') === !orderRoute[4]) {
    const seller = sellerOf(state, orderRoute[2]);
    const id = decodeURIComponent(orderRoute[3]);
    const order = Object.hasOwn(seller.orders, id) ? seller.orders[id] : undefined;
    if (!order) throw notFound(`Order ${id} not found.`);
    const now = ctx.clock.now();
    if (orderRoute[4]) {
      if (order.purchaseMs > now) throw new ApiError(409, 'Conflict', `Order ${id} is not placed until ${toIso(order.purchaseMs)}: it cannot be canceled before.`);
      cancelOrder(seller, order, now);
    }
    return { status: 200, body: describeOrder(order, now) };
  }
  const returnsRoute = /^(GET|POST) \/_sandbox\/sellers\/([^/]+)\/returns$/.exec(route);
  if (returnsRoute) {
    const seller = state.sellers[decodeURIComponent(returnsRoute[2])];
    if (!seller) throw notFound(`Seller ${returnsRoute[2]} not found.`);
    if (returnsRoute[1] === 'GET') return { status: 200, body: { sellerId: seller.sellerId, returns: Object.values(seller.customerReturns).map(describeReturn) } };
    const { returns } = parse(z.object({ returns: z.array(ReturnInput).min(1) }), body);
    // All or nothing: a refused line leaves the earlier lines of the request unrecorded.
    const now = ctx.clock.now();
    const before = { ...seller.customerReturns };
    try {
      const created = returns.map((r) => addCustomerReturn(state, seller, { ...r, returnMs: r.returnDate ? Date.parse(r.returnDate) : undefined }, now));
      // Returns dated now or earlier reach the stock at once, as the next request would see them.
      advanceWorld(state, now);
      return { status: 201, body: { returns: created.map(describeReturn) } };
    } catch (e) {
      seller.customerReturns = before;
      throw e;
    }
  }
  const foReturnRoute = /^POST \/_sandbox\/sellers\/([^/]+)\/fulfillment-returns\/([^/]+)$/.exec(route);
  if (foReturnRoute) {
    // The condition a fulfilment order's return item will arrive in (Sellable unless chosen here).
    const seller = state.sellers[decodeURIComponent(foReturnRoute[1])];
    if (!seller) throw notFound(`Seller ${foReturnRoute[1]} not found.`);
    const id = decodeURIComponent(foReturnRoute[2]);
    const { condition } = parse(z.object({ condition: z.enum(RETURN_RECEIVED_CONDITIONS) }), body);
    const item = Object.values(seller.fulfillmentOrders)
      .flatMap((o) => o.returnItems)
      .find((r) => r.sellerReturnItemId === id);
    if (!item) throw notFound(`Return item ${id} not found for seller ${seller.sellerId}.`);
    if (item.status === 'Processed') throw new ApiError(409, 'Conflict', `Return item ${id} was already processed (${item.returnReceivedCondition ?? 'Sellable'}).`);
    item.condition = condition;
    return { status: 200, body: { sellerReturnItemId: id, condition, processAt: toIso(item.processAtMs ?? item.statusChangedMs) } };
  }
  const foRoute = /^GET \/_sandbox\/sellers\/([^/]+)\/fulfillment-orders$/.exec(route);
  if (foRoute) {
    // How many times each fulfilment order was asked for: an app that repeats a create shows createRequests > 1.
    const seller = state.sellers[decodeURIComponent(foRoute[1])];
    if (!seller) throw notFound(`Seller ${foRoute[1]} not found.`);
    const orders = Object.values(seller.fulfillmentOrders).map((o) => ({ sellerFulfillmentOrderId: o.sellerFulfillmentOrderId, status: o.status, fulfillmentAction: o.fulfillmentAction, createRequests: o.createRequests ?? 1 }));
    return { status: 200, body: { sellerId: seller.sellerId, fulfillmentOrders: orders } };
  }
  const sellerRoute = /^(GET|POST) \/_sandbox\/sellers\/([^/]+)\/inventory$/.exec(route);
  if (sellerRoute) {
    const seller = state.sellers[decodeURIComponent(sellerRoute[2])];
    if (!seller) throw notFound(`Seller ${sellerRoute[2]} not found.`);
    if (sellerRoute[1] === 'POST') {
      const { items } = parse(z.object({ items: z.array(ItemInput).min(1) }), body);
      for (const item of items) upsertInventoryItem(seller, item, ctx.clock.now());
    }
    return { status: 200, body: { sellerId: seller.sellerId, inventory: Object.values(seller.inventory).map((i) => ({ ...i, totalQuantity: totalQuantity(i) })) } };
  }
  switch (route) {
    case 'GET /_sandbox/state':
      return { status: 200, body: describeState(ctx) };
    case 'POST /_sandbox/sellers': {
      const input = parse(SellerInput, body);
      if (state.sellers[input.sellerId]) throw new ApiError(409, 'Conflict', `Seller ${input.sellerId} exists.`);
      const taken = input.applicationId && Object.hasOwn(state.applications, input.applicationId) ? state.applications[input.applicationId] : undefined;
      if (taken && taken.clientId !== input.clientId) throw new ApiError(409, 'Conflict', `Application ${input.applicationId} belongs to another LWA client.`);
      const known = findApplicationByClient(state, input.clientId);
      if (input.applicationId && known && known.applicationId !== input.applicationId)
        throw new ApiError(409, 'Conflict', `LWA client ${input.clientId} already belongs to application ${known.applicationId}.`);
      const seller = addSeller(state, input, ctx.clock.now());
      return { status: 201, body: { sellerId: seller.sellerId } };
    }
    case 'GET /_sandbox/clock':
      return { status: 200, body: describeClock(ctx) };
    case 'POST /_sandbox/clock': {
      const input = parse(ClockInput, body);
      const advance = (input.advanceMs ?? 0) + (input.advanceSeconds ?? 0) * 1000;
      if (advance > 0) ctx.clock.advance(advance);
      if (input.speed !== undefined) ctx.clock.setSpeed(input.speed);
      return { status: 200, body: describeClock(ctx) };
    }
    case 'POST /_sandbox/rate-scale': {
      // Benchmarks set up thousands of orders fast, then measure at the published rate.
      const { rateScale } = parse(z.object({ rateScale: z.number().positive().max(100_000) }), body);
      ctx.rateScale = rateScale;
      ctx.throttle.clear();
      return { status: 200, body: { rateScale } };
    }
    case 'GET /_sandbox/faults':
      return { status: 200, body: state.faults };
    case 'POST /_sandbox/faults': {
      const { throttleStormSeconds, ...rest } = parse(FaultsInput, body);
      Object.assign(state.faults, rest);
      if (throttleStormSeconds !== undefined) state.faults.throttleStormUntil = Date.now() + throttleStormSeconds * 1000;
      return { status: 200, body: state.faults };
    }
    case 'DELETE /_sandbox/faults':
      state.faults = { ...DEFAULT_FAULTS, rejectedAddresses: [...DEFAULT_FAULTS.rejectedAddresses], refusedAddresses: [] };
      return { status: 200, body: state.faults };
    case 'POST /_sandbox/tokens/expire':
      expireAllTokens(state);
      return { status: 200, body: { expired: Object.keys(state.accessTokens).length } };
    case 'POST /_sandbox/reset': {
      const { seedDemo } = parse(z.object({ seedDemo: z.boolean().optional() }), body);
      resetState(state, createEmptyState(ctx.clock.now(), ctx.clock.speed, randomBytes(16).toString('hex')));
      if (seedDemo !== false) seedDemoSeller(state, ctx.clock.now());
      ctx.throttle.clear();
      return { status: 200, body: describeState(ctx) };
    }
    default:
      throw notFound(`No admin endpoint ${route}.`);
  }
}

function sellerOf(state: SandboxState, rawId: string): SellerState {
  const id = decodeURIComponent(rawId);
  const seller = Object.hasOwn(state.sellers, id) ? state.sellers[id] : undefined;
  if (!seller) throw notFound(`Seller ${rawId} not found.`);
  return seller;
}

function describeReturn(r: CustomerReturnRecord) {
  return { ...r, returnDate: toIso(r.returnMs) };
}

/** The store keeps one state object; a reset swaps its contents in place. */
function resetState(target: SandboxState, fresh: SandboxState): void {
  for (const key of Object.keys(target) as (keyof SandboxState)[]) delete target[key];
  Object.assign(target, fresh);
}

function describeClock(ctx: SandboxContext) {
  const now = ctx.clock.now();
  return { now: toIso(now), nowMs: now, speed: ctx.clock.speed };
}

export function describeState(ctx: SandboxContext) {
  const state = ctx.store.state;
  return {
    clock: describeClock(ctx),
    rateScale: ctx.rateScale,
    faults: state.faults,
    applications: Object.values(state.applications),
    sellers: Object.values(state.sellers).map((s) => ({
      sellerId: s.sellerId,
      storeName: s.storeName,
      marketplaceIds: s.marketplaceIds,
      clientId: s.clientId,
      refreshToken: s.refreshToken,
      skus: Object.keys(s.inventory).length,
      fulfillableUnits: Object.values(s.inventory).reduce((n, i) => n + i.fulfillable, 0),
      reports: Object.keys(s.reports).length,
      fulfillmentOrders: Object.values(s.fulfillmentOrders).map((o) => ({ id: o.sellerFulfillmentOrderId, status: o.status })),
    })),
  };
}
