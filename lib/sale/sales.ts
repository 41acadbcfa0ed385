import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { customers, locations, productPrices, products, saleLines, sales } from '@/db/schema';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { DomainError } from '@/lib/errors';
import { nextNumber } from '@/lib/reference/numbers';
import { resolveSkus } from '@/lib/stock/product-lookup';
import { logSale } from './sale-write';
import type { SaleInput } from './sale-inputs';
import type { SHIPPING_OPTIONS } from './shipping-options';

/**
 * Sale → New sale: a Draft order with its lines. A line without a price takes the product's price
 * in the sale's tier (0 when the product has none there); a line without a location takes the
 * product's default location, and is refused when the product has none (Pick needs a place).
 * The form leaves the shipping option Standard (the Ship tab offers it); the API may set it here.
 */
export async function createSale(db: Db | Tx, input: SaleInput & { shippingOption?: (typeof SHIPPING_OPTIONS)[number] }, userId: string | null) {
  return db.transaction(async (tx) => {
    await ensurePriceTiers(tx);
    const [customer] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, input.customerId));
    if (!customer) throw new DomainError('NOT_FOUND', 'That customer no longer exists.', { customerId: ['Choose a customer from the list.'] });
    const found = await resolveSkus(tx, input.lines);
    const ids = [...new Set(found.map((p) => p.id))];
    const facts = await tx
      .select({ id: products.id, defaultLocationId: products.defaultLocationId, price: productPrices.price })
      .from(products)
      .leftJoin(productPrices, and(eq(productPrices.productId, products.id), eq(productPrices.tier, input.priceTier)))
      .where(inArray(products.id, ids));
    const byId = new Map(facts.map((f) => [f.id, f]));
    const chosen = [...new Set(input.lines.map((l) => l.locationId).filter((l): l is string => l !== null))];
    const known = new Set(chosen.length ? (await tx.select({ id: locations.id }).from(locations).where(inArray(locations.id, chosen))).map((l) => l.id) : []);
    const errors: Record<string, string[]> = {};
    const lines = input.lines.map((l, i) => {
      const f = byId.get(found[i].id)!;
      const locationId = l.locationId ?? f.defaultLocationId;
      if (!locationId) errors[`location.${l.index}`] = [`${found[i].sku} has no default location: choose one.`];
      else if (l.locationId && !known.has(l.locationId)) errors[`location.${l.index}`] = ['That location no longer exists.'];
      return { productId: found[i].id, quantity: l.quantity, price: l.price ?? Number(f.price ?? 0), locationId };
    });
    if (Object.keys(errors).length > 0) throw new DomainError('INVALID_INPUT', 'Choose a location for each highlighted line.', errors);
    const number = await nextNumber(tx, 'SO');
    const { lines: _lines, ...header } = input;
    void _lines;
    const [sale] = await tx.insert(sales).values({ ...header, number, userId }).returning();
    await tx.insert(saleLines).values(lines.map((l, i) => ({ saleId: sale.id, lineNo: i + 1, ...l })));
    await logSale(tx, sale.id, 'Order', `Created as Draft with ${lines.length} line${lines.length === 1 ? '' : 's'}.`, userId);
    return sale;
  });
}

/** Products for the New sale form's lines: SKU, name, default location and price per tier (minor units). */
export async function listSaleProducts(db: Db | Tx) {
  const rows = await db
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      defaultLocationId: products.defaultLocationId,
      prices: sql<Record<string, number | string> | string | null>`(SELECT json_object_agg(pp.tier, pp.price) FROM product_prices pp WHERE pp.product_id = "products"."id")`,
    })
    .from(products)
    .orderBy(products.sku)
    .limit(5000);
  return rows.map((r) => {
    const obj = typeof r.prices === 'string' ? (JSON.parse(r.prices) as Record<string, number | string>) : (r.prices ?? {});
    return { ...r, prices: Object.fromEntries(Object.entries(obj).map(([t, p]) => [t, Number(p)])) as Record<string, number> };
  });
}

/** Customers for the New sale form, with what it copies from them (tier, ship-to address). */
export async function listSaleCustomers(db: Db | Tx) {
  const rows = await db.select().from(customers).orderBy(customers.name).limit(2000);
  return rows.map((c) => ({ id: c.id, name: c.name, ...toShipTo(c) }));
}

/** What the New sale form copies from a customer when it is chosen (tier, ship-to address); null for no such customer. */
export async function saleDefaultsFor(db: Db | Tx, customerId: string) {
  const [c] = await db.select().from(customers).where(eq(customers.id, customerId));
  return c ? toShipTo(c) : null;
}

function toShipTo(c: typeof customers.$inferSelect) {
  return {
    priceTier: c.priceTier,
    shipToName: c.contactName ?? c.name,
    shipToLine1: c.shippingLine1 ?? '',
    shipToLine2: c.shippingLine2 ?? '',
    shipToCity: c.shippingCity ?? '',
    shipToState: c.shippingState ?? '',
    shipToPostalCode: c.shippingPostalCode ?? '',
    shipToCountry: c.shippingCountry ?? '',
    shipToPhone: c.phone ?? '',
  };
}
