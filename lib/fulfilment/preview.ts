import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, fbaListings, locations, products, saleLines, salePickLines, sales } from '@/db/schema';
import { amazonMoney, formatMinor, type AmazonMoney } from '@/lib/fba/amazon-money';
import { amazonReason, spClientFor } from '@/lib/fba/connection-client';
import type { SpApiClient } from '@/lib/fba/sp-api';
import type { GetFulfillmentPreviewRequest } from '@/lib/fba/sp-api/models/outbound';

export type PreviewMoney = AmazonMoney;

export type PreviewLine = { productSku: string; productName: string; sellerSku: string | null; quantity: number };

export type PreviewOutcome =
  | {
      kind: 'fulfillable';
      fees: ({ name: string } & PreviewMoney)[];
      totalFee: PreviewMoney | null;
      earliestShipDate: string | null;
      latestShipDate: string | null;
      earliestArrivalDate: string | null;
      latestArrivalDate: string | null;
    }
  | { kind: 'unfulfillable'; reasons: string[]; items: { sellerSku: string; quantity: number; reasons: string[] }[] }
  | { kind: 'error'; message: string };

export type LocationPreview = {
  locationId: string;
  location: string;
  connection: string;
  shippingSpeed: string;
  lines: PreviewLine[];
  outcome: PreviewOutcome;
};

/** Amazon's reason codes in a person's words (an unknown code is shown as Amazon sent it). */
const REASONS: Record<string, string> = {
  InvalidSKU: 'the SKU is not in the FBA catalog at Amazon',
  InventoryUnavailable: 'not enough fulfillable stock at Amazon',
  InvalidDestinationAddress: 'Amazon cannot deliver to this address',
  NoInventory: 'no fulfillable stock at Amazon',
  InvalidAddress: 'Amazon cannot deliver to this address',
  Unknown: 'Amazon gave no reason',
};
export const reasonWords = (code: string) => REASONS[code] ?? code;

type Source = { locationId: string; productId: string; quantity: number };

/** Lines of the sale at external locations: as picked, or (before Pick) where the order lines default to. */
async function externalLines(db: Db | Tx, saleId: string): Promise<Source[]> {
  const picked = await db
    .select({ locationId: salePickLines.locationId, productId: salePickLines.productId, quantity: sql<number>`sum(${salePickLines.quantity})::int` })
    .from(salePickLines)
    .innerJoin(locations, eq(locations.id, salePickLines.locationId))
    .where(and(eq(salePickLines.saleId, saleId), isNotNull(locations.externalConnectionId)))
    .groupBy(salePickLines.locationId, salePickLines.productId);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(salePickLines).where(eq(salePickLines.saleId, saleId));
  if (Number(n) > 0) return picked.map((r) => ({ ...r, quantity: Number(r.quantity) }));
  const ordered = await db
    .select({ locationId: sql<string>`${saleLines.locationId}`, productId: saleLines.productId, quantity: sql<number>`sum(${saleLines.quantity})::int` })
    .from(saleLines)
    .innerJoin(locations, eq(locations.id, saleLines.locationId))
    .where(and(eq(saleLines.saleId, saleId), isNotNull(locations.externalConnectionId)))
    .groupBy(saleLines.locationId, saleLines.productId);
  return ordered.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new PreviewTimeout(ms)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

class PreviewTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

export type PreviewOptions = {
  /** The SP-API client of a connection (tests point it at the sandbox). */
  clientFor?: (conn: typeof fbaConnections.$inferSelect) => Pick<SpApiClient, 'getFulfillmentPreview'>;
  /** How long one location's preview may take before the page is told Amazon did not answer. */
  timeoutMs?: number;
};

/**
 * Amazon's preview of a sale's lines at each external location (getFulfillmentPreview): the
 * estimated fees and ship/arrival dates for the sale's shipping option, or Amazon's reason it
 * cannot fulfil, or the connection's error in plain words. A read: it writes nothing, and each
 * call is made outside any transaction, with a timeout so a page waiting for it never hangs.
 * Null when the sale does not exist.
 */
export async function previewFor(db: Db, saleId: string, opts: PreviewOptions = {}): Promise<LocationPreview[] | null> {
  const [sale] = await db.select().from(sales).where(eq(sales.id, saleId));
  if (!sale) return null;
  const lines = await externalLines(db, saleId);
  if (lines.length === 0) return [];
  const locIds = [...new Set(lines.map((l) => l.locationId))];
  const locs = await db
    .select({ id: locations.id, name: locations.name, conn: fbaConnections })
    .from(locations)
    .innerJoin(fbaConnections, eq(fbaConnections.id, locations.externalConnectionId))
    .where(inArray(locations.id, locIds))
    .orderBy(asc(locations.name));
  const productIds = [...new Set(lines.map((l) => l.productId))];
  const [prods, listings] = await Promise.all([
    db.select({ id: products.id, sku: products.sku, name: products.name }).from(products).where(inArray(products.id, productIds)),
    db
      .select({ connectionId: fbaListings.connectionId, productId: fbaListings.productId, sellerSku: fbaListings.sellerSku })
      .from(fbaListings)
      .where(and(inArray(fbaListings.connectionId, locs.map((l) => l.conn.id)), inArray(fbaListings.productId, productIds)))
      .orderBy(asc(fbaListings.sellerSku)),
  ]);
  const product = new Map(prods.map((p) => [p.id, p]));
  const clientFor = opts.clientFor ?? spClientFor;
  const timeoutMs = opts.timeoutMs ?? 10_000;

  return Promise.all(
    locs.map(async (loc): Promise<LocationPreview> => {
      const skuOf = (productId: string) => listings.find((l) => l.connectionId === loc.conn.id && l.productId === productId)?.sellerSku ?? null;
      const here: PreviewLine[] = lines
        .filter((l) => l.locationId === loc.id)
        .map((l) => ({ productSku: product.get(l.productId)!.sku, productName: product.get(l.productId)!.name, sellerSku: skuOf(l.productId), quantity: l.quantity }));
      const base = { locationId: loc.id, location: loc.name, connection: loc.conn.name, shippingSpeed: sale.shippingOption, lines: here };
      if (loc.conn.status !== 'Active') return { ...base, outcome: { kind: 'error', message: `The FBA connection ${loc.conn.name} is disconnected: Amazon cannot be asked.` } };
      const unmapped = here.filter((l) => !l.sellerSku);
      if (unmapped.length > 0)
        return {
          ...base,
          outcome: {
            kind: 'error',
            message: `${unmapped.map((l) => `SKU ${l.productSku}`).join(', ')} ${unmapped.length === 1 ? 'is' : 'are'} not in the FBA catalog of ${loc.conn.name}; map ${unmapped.length === 1 ? 'it' : 'them'} in Integration → Fulfilment by Amazon → Catalog.`,
          },
        };
      const request: GetFulfillmentPreviewRequest = {
        marketplaceId: loc.conn.marketplaceId,
        address: {
          name: sale.shipToName,
          addressLine1: sale.shipToLine1,
          ...(sale.shipToLine2 ? { addressLine2: sale.shipToLine2 } : {}),
          city: sale.shipToCity,
          ...(sale.shipToState ? { stateOrRegion: sale.shipToState } : {}),
          postalCode: sale.shipToPostalCode,
          countryCode: sale.shipToCountry,
          ...(sale.shipToPhone ? { phone: sale.shipToPhone } : {}),
        },
        items: here.map((l, i) => ({ sellerSku: l.sellerSku!, quantity: l.quantity, sellerFulfillmentOrderItemId: String(i + 1) })),
        shippingSpeedCategories: [sale.shippingOption],
      };
      try {
        const previews = await withTimeout(clientFor(loc.conn).getFulfillmentPreview(request), timeoutMs);
        return { ...base, outcome: readPreview(previews.find((p) => p.shippingSpeedCategory === sale.shippingOption) ?? previews[0]) };
      } catch (e) {
        const message = e instanceof PreviewTimeout ? `Amazon did not answer within ${e.ms / 1000} seconds; try again shortly.` : amazonReason(e);
        return { ...base, outcome: { kind: 'error', message } };
      }
    }),
  );
}

type Preview = Awaited<ReturnType<SpApiClient['getFulfillmentPreview']>>[number];

/** One preview of Amazon's, as the page shows it. */
export function readPreview(p: Preview | undefined): PreviewOutcome {
  if (!p) return { kind: 'error', message: 'Amazon returned no preview for this shipping speed.' };
  if (!p.isFulfillable || (p.unfulfillablePreviewItems?.length ?? 0) > 0) {
    const items = (p.unfulfillablePreviewItems ?? []).map((i) => ({ sellerSku: i.sellerSku, quantity: i.quantity, reasons: (i.itemUnfulfillableReasons ?? ['Unknown']).map(reasonWords) }));
    const reasons = (p.orderUnfulfillableReasons ?? []).map(reasonWords);
    return { kind: 'unfulfillable', reasons: reasons.length > 0 || items.length > 0 ? reasons : [reasonWords('Unknown')], items };
  }
  const fees = (p.estimatedFees ?? []).flatMap((f) => {
    const m = amazonMoney(f.amount.currencyCode, f.amount.value);
    return m ? [{ name: f.name, ...m }] : [];
  });
  const currency = fees[0]?.currency;
  const totalMinor = fees.reduce((sum, f) => sum + (f.currency === currency ? f.minor : 0), 0);
  const totalFee = currency ? { currency, minor: totalMinor, amount: formatMinor(totalMinor, currency) } : null;
  const ships = p.fulfillmentPreviewShipments ?? [];
  const pick = (k: 'earliestShipDate' | 'latestShipDate' | 'earliestArrivalDate' | 'latestArrivalDate', latest: boolean) => {
    const values = ships.map((s) => s[k]).filter((v): v is string => Boolean(v)).map((v) => new Date(v).toISOString()).sort();
    return (latest ? values.at(-1) : values[0]) ?? null;
  };
  return {
    kind: 'fulfillable',
    fees,
    totalFee,
    earliestShipDate: pick('earliestShipDate', false),
    latestShipDate: pick('latestShipDate', true),
    earliestArrivalDate: pick('earliestArrivalDate', false),
    latestArrivalDate: pick('latestArrivalDate', true),
  };
}
