import { deriveCode, deriveFraction } from './catalog';
import type { FulfillmentOrderRecord, InventoryItem, PackageRecord, SandboxState, SellerState, ShipmentRecord } from './state';
import { nextSeq } from './state';

// The life of a fulfilment order on the sandbox clock, counted from the moment it was released to
// ship (creation with Ship, or Hold → Ship). A held order waits in Received with its stock reserved.
export const PHASE_MS = {
  received: 30_000,
  planning: 5 * 60_000,
  processing: 30 * 60_000,
  complete: 2 * 3600_000,
} as const;
const HOUR = 3600_000;
const CARRIERS = ['AMZN_US', 'UPS', 'USPS'] as const;
const FULFILLMENT_CENTERS = ['ABE2', 'PHX6', 'ONT8', 'MDW2'] as const;
// Split rules: at most two order lines per shipment, at most three units per package.
const LINES_PER_SHIPMENT = 2;
const UNITS_PER_PACKAGE = 3;

/** How long after createFulfillmentReturn the fulfilment centre receives and processes a returned unit. */
export const RETURN_PROCESS_MS = 4 * 24 * HOUR;

/** Applies every transition whose time has come; safe to call on every request. */
export function progressFulfillmentOrders(state: SandboxState, seller: SellerState, now: number): void {
  for (const order of Object.values(seller.fulfillmentOrders)) {
    progressOrder(state, seller, order, now);
    progressReturns(seller, order, now);
  }
}

/**
 * A return item is Processed when its day comes, in the condition chosen for it (Sellable unless
 * the admin route said otherwise): a Sellable unit goes back to the seller's fulfillable stock,
 * any other to unfulfillable.
 */
function progressReturns(seller: SellerState, order: FulfillmentOrderRecord, now: number): void {
  for (const item of order.returnItems) {
    if (item.status !== 'New') continue;
    const at = item.processAtMs ?? item.statusChangedMs + RETURN_PROCESS_MS;
    if (now < at) continue;
    const condition = item.condition ?? 'Sellable';
    item.status = 'Processed';
    item.statusChangedMs = at;
    item.returnReceivedCondition = condition;
    const line = order.items.find((i) => i.sellerFulfillmentOrderItemId === item.sellerFulfillmentOrderItemId);
    const stock = line ? inventoryOf(seller, line.sellerSku) : undefined;
    if (!stock) continue;
    if (condition === 'Sellable') stock.fulfillable += 1;
    else stock.unfulfillable += 1;
    stock.lastUpdatedMs = Math.max(stock.lastUpdatedMs, at);
  }
}

function progressOrder(state: SandboxState, seller: SellerState, order: FulfillmentOrderRecord, now: number): void {
  const at = (ms: number) => order.receivedMs + ms;
  if (order.status === 'New' && now >= at(PHASE_MS.received)) {
    if (order.outcome === 'invalid') return finish(seller, order, 'Invalid', at(PHASE_MS.received));
    if (order.outcome === 'unfulfillable') return finish(seller, order, 'Unfulfillable', at(PHASE_MS.received));
    setStatus(order, 'Received', at(PHASE_MS.received));
  }
  if (order.shipRequestedMs === null) return;
  const from = (ms: number) => Math.max(order.shipRequestedMs ?? 0, at(PHASE_MS.received)) + ms;
  if (order.status === 'Received' && now >= from(PHASE_MS.planning)) setStatus(order, 'Planning', from(PHASE_MS.planning));
  if (order.status === 'Planning' && now >= from(PHASE_MS.processing)) {
    moveStock(seller, order, 'processing');
    planShipments(state, seller, order);
    setStatus(order, 'Processing', from(PHASE_MS.processing));
  }
  if (order.status === 'Processing' && now >= from(PHASE_MS.complete)) {
    const shipMs = from(PHASE_MS.complete);
    moveStock(seller, order, 'shipped');
    for (const shipment of order.shipments) shipShipment(state, seller, shipment, shipMs);
    const partial = order.items.some((item) => item.unfulfillableQuantity > 0);
    setStatus(order, partial ? 'CompletePartialled' : 'Complete', shipMs);
  }
}

function setStatus(order: FulfillmentOrderRecord, status: FulfillmentOrderRecord['status'], atMs: number): void {
  order.status = status;
  order.statusUpdatedMs = atMs;
}

function finish(seller: SellerState, order: FulfillmentOrderRecord, status: 'Invalid' | 'Unfulfillable', atMs: number): void {
  releaseStock(seller, order, atMs);
  if (status === 'Unfulfillable') for (const item of order.items) item.unfulfillableQuantity = item.quantity;
  setStatus(order, status, atMs);
}

export function cancelOrder(seller: SellerState, order: FulfillmentOrderRecord, now: number): void {
  releaseStock(seller, order, now);
  for (const item of order.items) item.cancelledQuantity = item.quantity - item.unfulfillableQuantity;
  for (const shipment of order.shipments) shipment.status = 'CANCELLED_BY_SELLER';
  setStatus(order, 'Cancelled', now);
}

function inventoryOf(seller: SellerState, sku: string): InventoryItem | undefined {
  return seller.inventory[sku];
}

/**
 * Reserves stock for a new order: FillOrKill takes everything or nothing; the other policies take
 * what is there and leave the rest unfulfillable. Returns the outcome for the Received moment.
 */
export function reserveStock(seller: SellerState, order: FulfillmentOrderRecord, now: number): 'ok' | 'unfulfillable' {
  const short = order.items.some((item) => (inventoryOf(seller, item.sellerSku)?.fulfillable ?? 0) < item.quantity);
  if (short && order.fulfillmentPolicy === 'FillOrKill') return 'unfulfillable';
  let reservedAny = false;
  for (const item of order.items) {
    const stock = inventoryOf(seller, item.sellerSku);
    const take = Math.min(item.quantity, stock?.fulfillable ?? 0);
    item.reserved = take;
    item.unfulfillableQuantity = item.quantity - take;
    if (stock && take > 0) {
      stock.fulfillable -= take;
      stock.pendingCustomerOrder += take;
      stock.lastUpdatedMs = now;
      reservedAny = true;
    }
  }
  order.stage = 'pending';
  return reservedAny ? 'ok' : 'unfulfillable';
}

function moveStock(seller: SellerState, order: FulfillmentOrderRecord, to: 'processing' | 'shipped'): void {
  for (const item of order.items) {
    const stock = inventoryOf(seller, item.sellerSku);
    if (!stock || item.reserved === 0) continue;
    if (to === 'processing') {
      stock.pendingCustomerOrder -= item.reserved;
      stock.fcProcessing += item.reserved;
    } else {
      stock.fcProcessing -= item.reserved;
    }
    stock.lastUpdatedMs = order.statusUpdatedMs;
  }
  order.stage = to;
}

function releaseStock(seller: SellerState, order: FulfillmentOrderRecord, now: number): void {
  if (order.stage !== 'pending' && order.stage !== 'processing') return;
  for (const item of order.items) {
    const stock = inventoryOf(seller, item.sellerSku);
    if (!stock || item.reserved === 0) continue;
    if (order.stage === 'pending') stock.pendingCustomerOrder -= item.reserved;
    else stock.fcProcessing -= item.reserved;
    stock.fulfillable += item.reserved;
    stock.lastUpdatedMs = now;
    item.reserved = 0;
  }
  order.stage = 'released';
}

function planShipments(state: SandboxState, seller: SellerState, order: FulfillmentOrderRecord): void {
  const lines = order.items.filter((item) => item.reserved > 0);
  order.shipments = [];
  for (let i = 0; i < lines.length; i += LINES_PER_SHIPMENT) {
    const seq = nextSeq(state);
    const shipment: ShipmentRecord = {
      amazonShipmentId: `T${deriveCode(`${seller.sellerId}:shipment:${seq}`, 8)}`,
      fulfillmentCenterId: FULFILLMENT_CENTERS[seq % FULFILLMENT_CENTERS.length],
      status: 'PENDING',
      items: [],
      packages: [],
    };
    for (const line of lines.slice(i, i + LINES_PER_SHIPMENT)) {
      for (let left = line.reserved; left > 0; left -= UNITS_PER_PACKAGE) {
        const packageNumber = nextSeq(state);
        shipment.packages.push({ packageNumber, carrierCode: '', trackingNumber: '', shipMs: 0, estimatedArrivalMs: 0, deliveredMs: null });
        shipment.items.push({
          sellerSku: line.sellerSku,
          sellerFulfillmentOrderItemId: line.sellerFulfillmentOrderItemId,
          quantity: Math.min(UNITS_PER_PACKAGE, left),
          packageNumber,
        });
      }
    }
    order.shipments.push(shipment);
  }
}

function shipShipment(state: SandboxState, seller: SellerState, shipment: ShipmentRecord, shipMs: number): void {
  shipment.status = 'SHIPPED';
  for (const pkg of shipment.packages) {
    const carrier = CARRIERS[pkg.packageNumber % CARRIERS.length];
    pkg.carrierCode = carrier;
    pkg.trackingNumber = trackingNumberFor(carrier, `${seller.sellerId}:${pkg.packageNumber}`);
    pkg.shipMs = shipMs;
    pkg.estimatedArrivalMs = shipMs + 3 * 24 * HOUR;
    const fate = deriveFraction(`${seller.sellerId}:fate:${pkg.packageNumber}`);
    pkg.deliveredMs = fate < state.faults.lostPackageShare ? null : shipMs + (24 + Math.floor(fate * 48)) * HOUR;
  }
}

function trackingNumberFor(carrier: string, seed: string): string {
  const digits = (n: number) => deriveCode(`${seed}:digits`, 40).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) % 10)).slice(0, n);
  if (carrier === 'UPS') return `1Z${deriveCode(seed, 16)}`;
  if (carrier === 'USPS') return `9400${digits(18)}`;
  return `TBA${digits(12)}`;
}

export function findPackage(seller: SellerState, packageNumber: number): { order: FulfillmentOrderRecord; pkg: PackageRecord } | null {
  for (const order of Object.values(seller.fulfillmentOrders)) {
    for (const shipment of order.shipments) {
      const pkg = shipment.packages.find((p) => p.packageNumber === packageNumber);
      if (pkg) return { order, pkg };
    }
  }
  return null;
}
