import { ORDER_STATUSES } from '../../lib/fba/sp-api/models/orders';
import { toIso } from '../clock';
import { ok, type ApiHandler } from '../context';
import { invalidInput, notFound } from '../http';
import { currencyOf } from '../marketplaces';
import { orderStatusAt } from '../orders';
import type { OrderRecord } from '../state';
import { assertSellerMarketplace, parseDateParam, readList } from './query';

// Orders v0 getOrders / getOrderItems.

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

function encodeToken(offset: number, filter: OrdersFilter): string {
  return Buffer.from(JSON.stringify({ o: offset, f: filter })).toString('base64url');
}

function decodeToken(token: string): { offset: number; filter: OrdersFilter } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; f?: OrdersFilter };
    if (typeof parsed.o === 'number' && parsed.f && Array.isArray(parsed.f.m)) return { offset: parsed.o, filter: parsed.f };
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
    LastUpdateDate: toIso(current.atMs),
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
  };
}

export const getOrders: ApiHandler = ({ seller, query, now }) => {
  const token = query.get('NextToken');
  const { offset, filter } = token ? decodeToken(token) : { offset: 0, filter: readFilter(query) };
  if (filter.m.length === 0) throw invalidInput("Missing required parameter 'MarketplaceIds'.");
  for (const id of filter.m) assertSellerMarketplace(seller, id);
  const time = (o: OrderRecord) => (filter.field === 'created' ? o.purchaseMs : orderStatusAt(o, now).atMs);
  const matching = Object.values(seller.orders)
    .filter((o) => o.purchaseMs <= now && filter.m.includes(o.marketplaceId))
    .filter((o) => time(o) >= filter.after && (filter.before === null || time(o) <= filter.before))
    .filter((o) => filter.st.length === 0 || filter.st.includes(orderStatusAt(o, now).status))
    .filter((o) => filter.fc.length === 0 || filter.fc.includes(o.fulfillmentChannel))
    .filter((o) => filter.ids.length === 0 || filter.ids.includes(o.amazonOrderId))
    .sort((a, b) => time(a) - time(b) || a.amazonOrderId.localeCompare(b.amazonOrderId));
  const more = offset + filter.size < matching.length;
  return ok({
    payload: {
      Orders: matching.slice(offset, offset + filter.size).map((o) => renderOrder(o, now)),
      ...(more ? { NextToken: encodeToken(offset + filter.size, filter) } : {}),
      ...(filter.field === 'created' ? { CreatedBefore: toIso(now) } : { LastUpdatedBefore: toIso(now) }),
    },
  });
};

export const getOrderItems: ApiHandler = ({ seller, params, now }) => {
  const order = seller.orders[params.orderId];
  if (!order || order.purchaseMs > now) throw notFound(`Order ${params.orderId} not found.`);
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
