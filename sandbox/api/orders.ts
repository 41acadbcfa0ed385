import { randomBytes } from 'node:crypto';
import { ORDER_STATUSES } from '../../lib/fba/sp-api/models/orders';
import { toIso } from '../clock';
import { ok, type ApiHandler } from '../context';
import { invalidInput } from '../http';
import { currencyOf } from '../marketplaces';
import { confirmOrderShipment, findPlacedOrder, lastUpdateMs, orderStatusAt, shipToOf } from '../orders';
import type { OrderRecord, SellerState } from '../state';
import { assertSellerMarketplace, parseDateParam, readList } from './query';

// Orders v0 getOrders / getOrderItems / getOrderAddress / confirmShipment.

const HOUR = 3600_000;

interface OrdersFilter {
  m: string[];
  field: 'created' | 'updated';
  after: number;
  before: number | null;
  st: string[];
  fc: string[];
  ids: string[];
  size: number;
}

// A query's matching orders are listed (filtered and sorted) once, at its first page; NextToken
// names that listing, so each further page costs O(page), not a sort of every order. Listings live
// in memory only: after a restart (or once evicted) a token lists again from its filter, whose
// upper bound was fixed at the first page.
const LISTINGS_PER_SELLER = 32;
const listings = new WeakMap<SellerState, Map<string, OrderRecord[]>>();

function keepListing(seller: SellerState, orders: OrderRecord[]): string {
  let kept = listings.get(seller);
  if (!kept) listings.set(seller, (kept = new Map()));
  if (kept.size >= LISTINGS_PER_SELLER) kept.delete(kept.keys().next().value as string);
  const id = randomBytes(9).toString('base64url');
  kept.set(id, orders);
  return id;
}

interface PageToken {
  offset: number;
  filter: OrdersFilter & { before: number };
  listing: string;
}

function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify({ o: token.offset, f: token.filter, l: token.listing })).toString('base64url');
}

function decodeToken(token: string): PageToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; f?: OrdersFilter; l?: unknown };
    if (typeof parsed.o === 'number' && parsed.f && Array.isArray(parsed.f.m) && typeof parsed.f.before === 'number' && typeof parsed.l === 'string') {
      return { offset: parsed.o, filter: parsed.f as PageToken['filter'], listing: parsed.l };
    }
  } catch {
    // fall through to the error below
  }
  throw invalidInput('Invalid NextToken.');
}

function readFilter(query: URLSearchParams): OrdersFilter {
  const createdAfter = parseDateParam(query, 'CreatedAfter');
  const updatedAfter = parseDateParam(query, 'LastUpdatedAfter');
  if ((createdAfter === null) === (updatedAfter === null)) throw invalidInput('Exactly one of CreatedAfter and LastUpdatedAfter must be specified.');
  const createdBefore = parseDateParam(query, 'CreatedBefore');
  const updatedBefore = parseDateParam(query, 'LastUpdatedBefore');
  if (createdAfter !== null && updatedBefore !== null) throw invalidInput('LastUpdatedBefore can only be used with LastUpdatedAfter.');
  if (updatedAfter !== null && createdBefore !== null) throw invalidInput('CreatedBefore can only be used with CreatedAfter.');
  const statuses = readList(query, 'OrderStatuses');
  for (const status of statuses) if (!(ORDER_STATUSES as readonly string[]).includes(status)) throw invalidInput(`Invalid OrderStatuses value ${status}.`);
  const channels = readList(query, 'FulfillmentChannels');
  for (const channel of channels) if (channel !== 'AFN' && channel !== 'MFN') throw invalidInput(`Invalid FulfillmentChannels value ${channel}.`);
  const size = Number(query.get('MaxResultsPerPage') ?? 100);
  if (!Number.isInteger(size) || size < 1 || size > 100) throw invalidInput('MaxResultsPerPage must be between 1 and 100.');
  return {
    m: readList(query, 'MarketplaceIds'),
    field: createdAfter !== null ? 'created' : 'updated',
    after: (createdAfter ?? updatedAfter) as number,
    before: createdAfter !== null ? createdBefore : updatedBefore,
    st: statuses,
    fc: channels,
    ids: readList(query, 'AmazonOrderIds'),
    size,
  };
}

function renderOrder(order: OrderRecord, now: number) {
  const current = orderStatusAt(order, now);
  const units = order.items.reduce((n, i) => n + i.quantity, 0);
  const shipped = current.status === 'Shipped' ? units : 0;
  const total = order.items.reduce((sum, i) => sum + i.price * i.quantity, 0);
  const currency = currencyOf(order.marketplaceId);
  return {
    AmazonOrderId: order.amazonOrderId,
    PurchaseDate: toIso(order.purchaseMs),
    LastUpdateDate: toIso(lastUpdateMs(order, now)),
    OrderStatus: current.status,
    FulfillmentChannel: order.fulfillmentChannel,
    SalesChannel: 'Amazon.com',
    ShipServiceLevel: order.fulfillmentChannel === 'AFN' ? 'Expedited' : 'Std US D2D Dom',
    ...(current.status !== 'Pending' ? { OrderTotal: { CurrencyCode: currency, Amount: total.toFixed(2) } } : {}),
    NumberOfItemsShipped: shipped,
    NumberOfItemsUnshipped: current.status === 'Canceled' ? 0 : units - shipped,
    PaymentMethod: 'Other',
    PaymentMethodDetails: ['Standard'],
    MarketplaceId: order.marketplaceId,
    ShipmentServiceLevelCategory: order.fulfillmentChannel === 'AFN' ? 'Expedited' : 'Standard',
    OrderType: 'StandardOrder',
    EarliestShipDate: toIso(order.purchaseMs + 2 * HOUR),
    LatestShipDate: toIso(order.purchaseMs + 48 * HOUR),
    IsBusinessOrder: false,
    IsPrime: order.isPrime,
    IsPremiumOrder: false,
    IsGlobalExpressEnabled: false,
    IsSoldByAB: false,
    IsISPU: false,
    ...(current.status !== 'Pending' ? { ShippingAddress: publicAddress(order) } : {}),
  };
}

/** What getOrders shows of the ship-to address without a Restricted Data Token: no name, street or phone. */
function publicAddress(order: OrderRecord) {
  const to = shipToOf(order);
  return { City: to.city, ...(to.state ? { StateOrRegion: to.state } : {}), PostalCode: to.postalCode, CountryCode: to.countryCode };
}

/** The orders a filter matches at `now`, in Amazon's order: by the filtered date, then by id. */
function listOrders(seller: SellerState, filter: PageToken['filter'], now: number): OrderRecord[] {
  const rows: { order: OrderRecord; time: number }[] = [];
  for (const o of Object.values(seller.orders)) {
    if (o.purchaseMs > now || !filter.m.includes(o.marketplaceId)) continue;
    const current = orderStatusAt(o, now);
    const time = filter.field === 'created' ? o.purchaseMs : lastUpdateMs(o, now);
    if (time < filter.after || time > filter.before) continue;
    if (filter.st.length > 0 && !filter.st.includes(current.status)) continue;
    if (filter.fc.length > 0 && !filter.fc.includes(o.fulfillmentChannel)) continue;
    if (filter.ids.length > 0 && !filter.ids.includes(o.amazonOrderId)) continue;
    rows.push({ order: o, time });
  }
  rows.sort((a, b) => a.time - b.time || (a.order.amazonOrderId < b.order.amazonOrderId ? -1 : a.order.amazonOrderId > b.order.amazonOrderId ? 1 : 0));
  return rows.map((r) => r.order);
}

export const getOrders: ApiHandler = ({ seller, query, now }) => {
  const token = query.get('NextToken');
  let page: PageToken;
  let orders: OrderRecord[] | undefined;
  if (token) {
    page = decodeToken(token);
    orders = listings.get(seller)?.get(page.listing);
  } else {
    const filter = readFilter(query);
    // The listing ends at the first page's moment: later pages show the same orders.
    page = { offset: 0, filter: { ...filter, before: Math.min(filter.before ?? now, now) }, listing: '' };
  }
  const { filter, offset } = page;
  if (filter.m.length === 0) throw invalidInput("Missing required parameter 'MarketplaceIds'.");
  for (const id of filter.m) assertSellerMarketplace(seller, id);
  if (!orders) {
    orders = listOrders(seller, filter, now);
    page.listing = keepListing(seller, orders);
  }
  const more = offset + filter.size < orders.length;
  return ok({
    payload: {
      Orders: orders.slice(offset, offset + filter.size).map((o) => renderOrder(o, now)),
      ...(more ? { NextToken: encodeToken({ ...page, offset: offset + filter.size }) } : {}),
      ...(filter.field === 'created' ? { CreatedBefore: toIso(filter.before) } : { LastUpdatedBefore: toIso(filter.before) }),
    },
  });
};

export const getOrderItems: ApiHandler = ({ seller, params, now }) => {
  const order = findPlacedOrder(seller, params.orderId, now);
  const shipped = orderStatusAt(order, now).status === 'Shipped';
  const currency = currencyOf(order.marketplaceId);
  return ok({
    payload: {
      AmazonOrderId: order.amazonOrderId,
      OrderItems: order.items.map((item) => ({
        ASIN: item.asin,
        SellerSKU: item.sellerSku,
        OrderItemId: item.orderItemId,
        Title: item.title,
        QuantityOrdered: item.quantity,
        QuantityShipped: shipped ? item.quantity : 0,
        ProductInfo: { NumberOfItems: '1' },
        ItemPrice: { CurrencyCode: currency, Amount: (item.price * item.quantity).toFixed(2) },
        ItemTax: { CurrencyCode: currency, Amount: (item.price * item.quantity * 0.08).toFixed(2) },
        ConditionId: 'New',
        ConditionSubtypeId: 'New',
        IsGift: 'false',
        IsTransparency: false,
        SerialNumberRequired: false,
      })),
    },
  });
};

/** The full ship-to address (PII); none while the order is Pending, as at Amazon. */
export const getOrderAddress: ApiHandler = ({ seller, params, now }) => {
  const order = findPlacedOrder(seller, params.orderId, now);
  if (orderStatusAt(order, now).status === 'Pending') return ok({ payload: { AmazonOrderId: order.amazonOrderId } });
  const to = shipToOf(order);
  return ok({
    payload: {
      AmazonOrderId: order.amazonOrderId,
      ShippingAddress: {
        Name: to.name,
        AddressLine1: to.line1,
        ...(to.line2 ? { AddressLine2: to.line2 } : {}),
        City: to.city,
        ...(to.state ? { StateOrRegion: to.state } : {}),
        PostalCode: to.postalCode,
        CountryCode: to.countryCode,
        ...(to.phone ? { Phone: to.phone } : {}),
        AddressType: 'Residential',
      },
    },
  });
};

export const confirmShipment: ApiHandler = ({ seller, params, body, now }) => {
  confirmOrderShipment(findPlacedOrder(seller, params.orderId, now), body, now);
  return ok(null, 204);
};
