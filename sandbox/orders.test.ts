import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SELLER, startSandbox, type RunningSandbox } from './index';

// Amazon store orders over raw HTTP: ship-to addresses, buyer cancellation, confirmShipment of
// merchant-fulfilled orders, the admin view of one order, and 10,000 orders paged by NextToken.

const SELLER = DEMO_SELLER.sellerId;
const US = 'ATVPDKIKX0DER';
const START = Date.parse('2026-05-04T12:00:00Z');
const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

let sandbox: RunningSandbox;
let token: string;

interface Answer {
  status: number;
  body: Record<string, unknown> & { errors?: { code: string; message: string }[]; payload?: Record<string, unknown> };
}

async function call(method: string, path: string, body?: unknown, auth = false): Promise<Answer> {
  const res = await fetch(sandbox.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { 'x-amz-access-token': token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}
const admin = (path: string, body?: unknown, method = 'POST') => call(method, path, body);
const api = (method: string, path: string, body?: unknown) => call(method, path, body, true);
const advance = (ms: number) => admin('/_sandbox/clock', { advanceMs: ms });
const now = async () => ((await admin('/_sandbox/clock', undefined, 'GET')).body.nowMs as number);

interface AdminOrder {
  amazonOrderId: string;
  status: string;
  lastUpdateDate: string;
  stock: string | null;
  shipTo: Record<string, string>;
  shipment: { packageReferenceId: string; carrierCode: string; trackingNumber: string; shipDate: string; confirmedAt: string } | null;
  items: { orderItemId: string; sellerSku: string; quantity: number; quantityShipped: number; reserved: number }[];
}
const adminOrder = async (id: string) => (await admin(`/_sandbox/sellers/${SELLER}/orders/${id}`, undefined, 'GET')).body as unknown as AdminOrder;

interface NewOrder {
  fulfillmentChannel: 'AFN' | 'MFN';
  items: { sellerSku: string; quantity: number; price?: number }[];
  purchaseDate?: string;
  shipTo?: Record<string, string>;
}
async function place(...orders: NewOrder[]): Promise<string[]> {
  const res = await admin(`/_sandbox/sellers/${SELLER}/orders`, { orders });
  expect(res.status).toBe(201);
  return res.body.amazonOrderIds as string[];
}

async function stockOf(sku: string) {
  const res = await admin(`/_sandbox/sellers/${SELLER}/inventory`, undefined, 'GET');
  return (res.body.inventory as { sellerSku: string; fulfillable: number; pendingCustomerOrder: number; totalQuantity: number }[]).find((i) => i.sellerSku === sku);
}

/** The orders of a getOrders query, every page walked; `between` runs after the first page. */
async function allPages(query: string, between?: () => Promise<void>) {
  const orders: Record<string, unknown>[] = [];
  let answer = await api('GET', `/orders/v0/orders?MarketplaceIds=${US}&${query}`);
  let pages = 1;
  await between?.();
  for (;;) {
    expect(answer.status).toBe(200);
    const payload = answer.body.payload as { Orders: Record<string, unknown>[]; NextToken?: string };
    orders.push(...payload.Orders);
    if (!payload.NextToken) break;
    answer = await api('GET', `/orders/v0/orders?NextToken=${encodeURIComponent(payload.NextToken)}`);
    pages += 1;
  }
  return { orders, pages };
}

const shipment = (orderItems: { orderItemId: string; quantity: number }[], extra: Record<string, unknown> = {}) => ({
  marketplaceId: US,
  packageDetail: { packageReferenceId: 'PKG-1', carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784', shipDate: iso(START), orderItems },
  ...extra,
});

beforeAll(async () => {
  // A stopped clock (speed 0): time moves only when a test advances it, so dates compare exactly.
  sandbox = await startSandbox({ port: 0, dataDir: null, rateScale: 100_000, startTime: new Date(START), clockSpeed: 0 });
  const res = await fetch(`${sandbox.url}/auth/o2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: DEMO_SELLER.refreshToken, client_id: DEMO_SELLER.clientId, client_secret: DEMO_SELLER.clientSecret }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});
afterAll(() => sandbox.close());

describe('ship-to addresses', () => {
  const shipTo = { name: 'Ann Lee', line1: '1 Pike St', line2: 'Unit 4', city: 'Seattle', state: 'WA', postalCode: '98101', countryCode: 'US', phone: '+1 206-555-0101' };

  it('gives the full address by getOrderAddress and only city, region, postcode and country in getOrders, once the order is past Pending', async () => {
    const [given, derived] = await place(
      { fulfillmentChannel: 'MFN', items: [{ sellerSku: 'DEMO-001', quantity: 1 }], shipTo },
      { fulfillmentChannel: 'AFN', items: [{ sellerSku: 'DEMO-002', quantity: 1 }] },
    );
    const pending = await api('GET', `/orders/v0/orders/${given}/address`);
    expect(pending).toEqual({ status: 200, body: { payload: { AmazonOrderId: given } } });
    const listed = async () => (await allPages(`CreatedAfter=${iso(START - HOUR)}&AmazonOrderIds=${given},${derived}`)).orders;
    expect((await listed()).map((o) => o.ShippingAddress)).toEqual([undefined, undefined]);

    await advance(HOUR);
    const address = await api('GET', `/orders/v0/orders/${given}/address`);
    expect(address.body.payload).toEqual({
      AmazonOrderId: given,
      ShippingAddress: { Name: 'Ann Lee', AddressLine1: '1 Pike St', AddressLine2: 'Unit 4', City: 'Seattle', StateOrRegion: 'WA', PostalCode: '98101', CountryCode: 'US', Phone: '+1 206-555-0101', AddressType: 'Residential' },
    });
    const orders = await listed();
    expect(orders.find((o) => o.AmazonOrderId === given)?.ShippingAddress).toEqual({ City: 'Seattle', StateOrRegion: 'WA', PostalCode: '98101', CountryCode: 'US' });

    // Without shipTo the address is derived from the order id: complete, and the same every time.
    const first = (await api('GET', `/orders/v0/orders/${derived}/address`)).body.payload as { ShippingAddress: Record<string, string> };
    expect(first.ShippingAddress).toMatchObject({ Name: expect.stringMatching(/^\w+ \w+$/), AddressLine1: expect.stringMatching(/^\d+ \w+/), City: expect.any(String), PostalCode: expect.stringMatching(/^\d{5}$/), CountryCode: 'US' });
    expect((await api('GET', `/orders/v0/orders/${derived}/address`)).body.payload).toEqual(first);
    const brief = orders.find((o) => o.AmazonOrderId === derived)?.ShippingAddress;
    expect(brief).toEqual({ City: first.ShippingAddress.City, StateOrRegion: first.ShippingAddress.StateOrRegion, PostalCode: first.ShippingAddress.PostalCode, CountryCode: 'US' });
    expect((await adminOrder(derived)).shipTo).toMatchObject({ name: first.ShippingAddress.Name, line1: first.ShippingAddress.AddressLine1 });
  });

  it('answers 404 for an unknown order and for one not placed yet', async () => {
    const [future] = await place({ fulfillmentChannel: 'MFN', items: [{ sellerSku: 'DEMO-001', quantity: 1 }], purchaseDate: iso((await now()) + 24 * HOUR) });
    for (const id of ['111-0000000-0000000', future]) {
      const res = await api('GET', `/orders/v0/orders/${id}/address`);
      expect(res.status).toBe(404);
      expect(res.body.errors?.[0]).toMatchObject({ code: 'NotFound', message: `Order ${id} not found.` });
    }
  });

  it('refuses a shipTo without a postal code', async () => {
    const res = await admin(`/_sandbox/sellers/${SELLER}/orders`, { orders: [{ fulfillmentChannel: 'MFN', items: [{ sellerSku: 'DEMO-001', quantity: 1 }], shipTo: { ...shipTo, postalCode: undefined } }] });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].message).toContain('shipTo.postalCode');
  });
});

describe('buyer cancellation', () => {
  it('cancels a Pending AFN order: its reserved units are fulfillable again, it never ships, and LastUpdatedAfter finds it again', async () => {
    const before = await stockOf('DEMO-003');
    const placedAt = await now();
    const [id] = await place({ fulfillmentChannel: 'AFN', items: [{ sellerSku: 'DEMO-003', quantity: 3 }] });
    expect((await stockOf('DEMO-003'))?.fulfillable).toBe((before?.fulfillable ?? 0) - 3);
    await advance(10 * 60_000);
    const cancelledAt = await now();
    // A download that ran after the order was placed: the cancellation is news to it.
    const seen = await allPages(`LastUpdatedAfter=${iso(placedAt + 60_000)}`);
    expect(seen.orders.map((o) => o.AmazonOrderId)).not.toContain(id);

    const res = await admin(`/_sandbox/sellers/${SELLER}/orders/${id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ amazonOrderId: id, status: 'Canceled', lastUpdateDate: iso(cancelledAt), stock: 'released' });
    expect(await stockOf('DEMO-003')).toMatchObject({ fulfillable: before?.fulfillable, pendingCustomerOrder: before?.pendingCustomerOrder });

    const again = await allPages(`LastUpdatedAfter=${iso(placedAt + 60_000)}`);
    expect(again.orders.find((o) => o.AmazonOrderId === id)).toMatchObject({ OrderStatus: 'Canceled', LastUpdateDate: iso(cancelledAt), NumberOfItemsUnshipped: 0 });

    // A day later it has not shipped and the stock did not leave the warehouse.
    await advance(2 * 24 * HOUR);
    expect(await adminOrder(id)).toMatchObject({ status: 'Canceled', lastUpdateDate: iso(cancelledAt) });
    expect(await stockOf('DEMO-003')).toMatchObject({ fulfillable: before?.fulfillable, totalQuantity: before?.totalQuantity });
  });

  it('cancels an Unshipped MFN order', async () => {
    const [id] = await place({ fulfillmentChannel: 'MFN', items: [{ sellerSku: 'DEMO-004', quantity: 1 }] });
    await advance(HOUR);
    expect((await adminOrder(id)).status).toBe('Unshipped');
    expect((await admin(`/_sandbox/sellers/${SELLER}/orders/${id}/cancel`)).body).toMatchObject({ status: 'Canceled' });
  });

  it('refuses to cancel a shipped or already canceled order (409), an unknown one (404) or one not placed yet (409)', async () => {
    const [afn, future] = await place(
      { fulfillmentChannel: 'AFN', items: [{ sellerSku: 'DEMO-005', quantity: 1 }] },
      { fulfillmentChannel: 'AFN', items: [{ sellerSku: 'DEMO-005', quantity: 1 }], purchaseDate: iso((await now()) + 5 * 24 * HOUR) },
    );
    await advance(25 * HOUR);
    const shipped = await admin(`/_sandbox/sellers/${SELLER}/orders/${afn}/cancel`);
    expect(shipped.status).toBe(409);
    expect(shipped.body.errors?.[0].message).toBe(`Order ${afn} is Shipped: only a Pending or Unshipped order can be canceled.`);
    expect((await adminOrder(afn)).status).toBe('Shipped');

    const [mfn] = await place({ fulfillmentChannel: 'MFN', items: [{ sellerSku: 'DEMO-005', quantity: 1 }] });
    await admin(`/_sandbox/sellers/${SELLER}/orders/${mfn}/cancel`);
    const twice = await admin(`/_sandbox/sellers/${SELLER}/orders/${mfn}/cancel`);
    expect(twice.status).toBe(409);
    expect(twice.body.errors?.[0].message).toContain('is Canceled');

    expect((await admin(`/_sandbox/sellers/${SELLER}/orders/111-0000000-0000000/cancel`)).status).toBe(404);
    const early = await admin(`/_sandbox/sellers/${SELLER}/orders/${future}/cancel`);
    expect(early.status).toBe(409);
    expect(early.body.errors?.[0].message).toContain('is not placed until');
  });
});

describe('confirmShipment', () => {
  async function unshippedMfn(items = [{ sellerSku: 'DEMO-006', quantity: 2 }, { sellerSku: 'DEMO-007', quantity: 1 }]) {
    const [id] = await place({ fulfillmentChannel: 'MFN', items });
    await advance(HOUR);
    const answer = await api('GET', `/orders/v0/orders/${id}/orderItems`);
    const lines = (answer.body.payload as { OrderItems: { OrderItemId: string; QuantityOrdered: number; QuantityShipped: number }[] }).OrderItems;
    return { id, lines };
  }
  const confirm = (id: string, body: unknown) => api('POST', `/orders/v0/orders/${id}/shipmentConfirmation`, body);

  it('ships an Unshipped MFN order now: 204, the items shipped, the tracking kept, LastUpdateDate moved', async () => {
    const { id, lines } = await unshippedMfn();
    expect(lines.map((l) => l.QuantityShipped)).toEqual([0, 0]);
    const at = await now();
    const res = await confirm(id, shipment(lines.map((l) => ({ orderItemId: l.OrderItemId, quantity: l.QuantityOrdered }))));
    expect(res).toEqual({ status: 204, body: {} });

    const items = (await api('GET', `/orders/v0/orders/${id}/orderItems`)).body.payload as { OrderItems: { QuantityShipped: number }[] };
    expect(items.OrderItems.map((l) => l.QuantityShipped)).toEqual([2, 1]);
    const { orders } = await allPages(`LastUpdatedAfter=${iso(at - 1000)}&FulfillmentChannels=MFN`);
    expect(orders.find((o) => o.AmazonOrderId === id)).toMatchObject({ OrderStatus: 'Shipped', LastUpdateDate: iso(at), NumberOfItemsShipped: 3, NumberOfItemsUnshipped: 0 });
    expect(await adminOrder(id)).toMatchObject({
      status: 'Shipped',
      shipment: { packageReferenceId: 'PKG-1', carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784', shipDate: iso(START), confirmedAt: iso(at) },
      items: [{ quantityShipped: 2 }, { quantityShipped: 1 }],
    });

    // The same package again (a retried call) is accepted; another package is not.
    expect((await confirm(id, shipment(lines.map((l) => ({ orderItemId: l.OrderItemId, quantity: l.QuantityOrdered }))))).status).toBe(204);
    const other = await confirm(id, { ...shipment([{ orderItemId: lines[0].OrderItemId, quantity: 2 }]), packageDetail: { ...shipment([]).packageDetail, packageReferenceId: 'PKG-2', orderItems: [{ orderItemId: lines[0].OrderItemId, quantity: 2 }] } });
    expect(other.status).toBe(400);
    expect(other.body.errors?.[0].message).toBe(`Order ${id} is already Shipped (package PKG-1).`);
  });

  it('refuses an AFN order, a canceled or Pending one, another marketplace, a partial or oversized shipment and an incomplete body (400, Amazon error shape)', async () => {
    const [afn] = await place({ fulfillmentChannel: 'AFN', items: [{ sellerSku: 'DEMO-008', quantity: 1 }] });
    const [pending] = await place({ fulfillmentChannel: 'MFN', items: [{ sellerSku: 'DEMO-008', quantity: 1 }] });
    const afnItem = ((await api('GET', `/orders/v0/orders/${afn}/orderItems`)).body.payload as { OrderItems: { OrderItemId: string }[] }).OrderItems[0].OrderItemId;
    const pendingItem = ((await api('GET', `/orders/v0/orders/${pending}/orderItems`)).body.payload as { OrderItems: { OrderItemId: string }[] }).OrderItems[0].OrderItemId;
    const refusal = async (id: string, body: unknown) => {
      const res = await confirm(id, body);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0].code).toBe('InvalidInput');
      return res.body.errors?.[0].message ?? '';
    };
    expect(await refusal(pending, shipment([{ orderItemId: pendingItem, quantity: 1 }]))).toContain('is Pending');
    await advance(HOUR);
    expect(await refusal(afn, shipment([{ orderItemId: afnItem, quantity: 1 }]))).toContain('fulfilled by Amazon (AFN)');

    const { id, lines } = await unshippedMfn();
    const full = lines.map((l) => ({ orderItemId: l.OrderItemId, quantity: l.QuantityOrdered }));
    expect(await refusal(id, shipment(full, { marketplaceId: 'A2EUQ1WTGCTBG2' }))).toContain('belongs to marketplace ATVPDKIKX0DER');
    expect(await refusal(id, shipment([full[0]]))).toContain('no PartiallyShipped');
    expect(await refusal(id, shipment([{ ...full[0], quantity: 3 }, full[1]]))).toContain('has 2 units; 3 cannot be shipped');
    expect(await refusal(id, shipment([...full, { orderItemId: '99999999999999', quantity: 1 }]))).toContain('Order item 99999999999999 is not on order');
    expect(await refusal(id, { marketplaceId: US, packageDetail: { carrierCode: 'UPS', orderItems: full } })).toMatch(/packageDetail\.packageReferenceId/);
    expect((await adminOrder(id)).status).toBe('Unshipped');

    await admin(`/_sandbox/sellers/${SELLER}/orders/${id}/cancel`);
    expect(await refusal(id, shipment(full))).toContain('is Canceled');

    const unknown = await confirm('111-0000000-0000000', shipment(full));
    expect(unknown.status).toBe(404);
  });
});

describe('admin order view', () => {
  it('shows an order placed later as not placed yet, and refuses an unknown order or seller', async () => {
    const [later] = await place({ fulfillmentChannel: 'AFN', items: [{ sellerSku: 'DEMO-009', quantity: 2 }], purchaseDate: iso((await now()) + HOUR) });
    expect(await adminOrder(later)).toMatchObject({ status: 'NotPlacedYet', items: [{ sellerSku: 'DEMO-009', quantity: 2, quantityShipped: 0, reserved: 2 }] });
    expect((await admin(`/_sandbox/sellers/${SELLER}/orders/111-0000000-0000000`, undefined, 'GET')).status).toBe(404);
    expect((await admin(`/_sandbox/sellers/NOPE123/orders/${later}`, undefined, 'GET')).status).toBe(404);
  });
});

describe('10,000 orders', () => {
  it('takes them in one admin request and pages through them by NextToken, each once, in date order, unmoved by a change while paging', async () => {
    await admin(`/_sandbox/sellers/${SELLER}/inventory`, { items: [{ sellerSku: 'BULK-1', fulfillable: 100_000 }] });
    const first = Date.parse('2026-04-01T00:00:00Z');
    const orders = Array.from({ length: 10_000 }, (_, n) => ({
      fulfillmentChannel: n % 4 === 3 ? 'MFN' : 'AFN',
      items: [{ sellerSku: 'BULK-1', quantity: 1 + (n % 2), price: 5 }],
      purchaseDate: iso(first + n * 60_000),
    }));
    const res = await admin(`/_sandbox/sellers/${SELLER}/orders`, { orders });
    expect(res.status).toBe(201);
    const ids = res.body.amazonOrderIds as string[];
    expect(new Set(ids).size).toBe(10_000);
    const tooMany = await admin(`/_sandbox/sellers/${SELLER}/orders`, { orders: [...orders, orders[0]] });
    expect(tooMany.status).toBe(400);

    const byDate = await allPages(`CreatedAfter=${iso(first)}&CreatedBefore=${iso(first + 10_000 * 60_000)}&MaxResultsPerPage=100`);
    expect(byDate.pages).toBe(100);
    expect(byDate.orders.map((o) => o.AmazonOrderId)).toEqual(ids);
    expect(byDate.orders.filter((o) => o.FulfillmentChannel === 'AFN' && o.OrderStatus === 'Shipped')).toHaveLength(7_500);

    // A buyer cancels a listed MFN order after the first page: its LastUpdateDate jumps to now, yet
    // the pages already promised neither skip nor repeat an order.
    const canceled = ids[9_959];
    // Added now with past purchase dates: their LastUpdateDate is when they reached Amazon (now).
    const byUpdate = await allPages(`LastUpdatedAfter=${iso(first)}`, async () => {
      expect((await admin(`/_sandbox/sellers/${SELLER}/orders/${canceled}/cancel`)).status).toBe(200);
    });
    // (The window also holds the orders earlier tests added to this seller.)
    const bulk = new Set(ids);
    const listedBulk = byUpdate.orders.map((o) => o.AmazonOrderId as string).filter((id) => bulk.has(id));
    expect(byUpdate.pages).toBe(Math.ceil(byUpdate.orders.length / 100));
    expect(listedBulk.sort()).toEqual([...ids].sort());
    expect(byUpdate.orders.find((o) => o.AmazonOrderId === canceled)?.OrderStatus).toBe('Canceled');
  }, 60_000);

  it('refuses a token that is not one of its own', async () => {
    const res = await api('GET', '/orders/v0/orders?NextToken=bm9wZQ');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].message).toBe('Invalid NextToken.');
  });
});
