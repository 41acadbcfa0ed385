import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { locations, productPrices, products } from '@/db/schema';
import { isUniqueViolation } from '@/db/driver';
import { DomainError } from '@/lib/errors';
import { PAGE_SIZE, toPage, type ListParams, type Page } from '@/lib/paging';
import { keyset } from '@/lib/paging-sql';
import { ensurePriceTiers } from './price-tiers';
import type { BarcodeType, FbaBarcode, ProductData } from './product-inputs';

export const PRODUCT_SORTS = ['sku', 'name'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export type ProductListRow = {
  id: string;
  sku: string;
  name: string;
  barcode: string | null;
  barcodeType: BarcodeType | null;
  fnsku: string | null;
  asin: string | null;
  unitCost: number | null;
  defaultLocation: string | null;
  onHand: number;
};

/** Escapes LIKE wildcards so a user's "%" or "_" matches itself. */
export function likeEscape(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Codes match from their start (SKU through the lower(sku) index, barcode, FNSKU, ASIN); the name
 * matches anywhere, because people remember words from the middle of a name.
 */
export function searchProducts(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const prefix = `${likeEscape(q.toLowerCase())}%`;
  const upper = `${likeEscape(q.toUpperCase())}%`;
  return or(
    sql`lower(${products.sku}) LIKE ${prefix}`,
    ilike(products.name, `%${likeEscape(q)}%`),
    sql`${products.barcode} LIKE ${upper}`,
    sql`${products.fnsku} LIKE ${upper}`,
    sql`${products.asin} LIKE ${upper}`,
  );
}

/** The product's own columns, as every product query selects them. */
export const productColumns = {
  id: products.id,
  sku: products.sku,
  name: products.name,
  barcode: products.barcode,
  barcodeType: products.barcodeType,
  fnsku: products.fnsku,
  asin: products.asin,
  unitCost: products.unitCost,
};

/**
 * Tier → price as one JSON object per product. The outer column is written out in full: in a
 * single-table select Drizzle would render it as a bare "id", which a subquery could capture.
 */
export const productPricesJson = sql<Record<string, number> | string | null>`(SELECT json_object_agg(pp.tier, pp.price) FROM product_prices pp WHERE pp.product_id = "products"."id")`;

/** One page of products in one query: default location joined, stock on hand summed in a subquery. */
export async function listProducts(db: Db | Tx, params: ListParams<ProductSort>): Promise<Page<ProductListRow>> {
  const limit = params.limit ?? PAGE_SIZE;
  const column = params.sort === 'name' ? products.name : products.sku;
  const page = keyset(column, products.id, params.dir, params.after);
  const rows = await db
    .select({
      ...productColumns,
      defaultLocation: locations.name,
      onHand: sql<number>`coalesce((SELECT sum(s.on_hand) FROM stock_levels s WHERE s.product_id = ${products.id}), 0)::int`,
    })
    .from(products)
    .leftJoin(locations, eq(locations.id, products.defaultLocationId))
    .where(and(searchProducts(params.q), page.where))
    .orderBy(...page.orderBy)
    .limit(limit + 1);
  const typed = rows.map((r) => ({ ...r, onHand: Number(r.onHand) }));
  return toPage(typed, limit, (r) => (params.sort === 'name' ? r.name : r.sku));
}

export type ProductDetail = Omit<ProductListRow, 'defaultLocation' | 'onHand'> & {
  defaultLocationId: string | null;
  fbaBarcode: FbaBarcode;
  prices: Record<number, number>;
};

export async function getProduct(db: Db | Tx, id: string): Promise<ProductDetail> {
  const [row] = await db
    .select({
      ...productColumns,
      defaultLocationId: products.defaultLocationId,
      fbaBarcode: products.fbaBarcode,
      prices: productPricesJson,
    })
    .from(products)
    .where(eq(products.id, id));
  if (!row) throw new DomainError('NOT_FOUND', 'That product no longer exists.');
  return { ...row, prices: readPrices(row.prices) };
}

/** json_object_agg comes back parsed (postgres.js, PGlite) or as text, with bigint prices as numbers or strings. */
export function readPrices(value: Record<string, number | string> | string | null): Record<number, number> {
  const obj = typeof value === 'string' ? (JSON.parse(value) as Record<string, number | string>) : (value ?? {});
  return Object.fromEntries(Object.entries(obj).map(([tier, price]) => [Number(tier), Number(price)]));
}

/** Location choices for a product's default location. */
export async function listLocationChoices(db: Db | Tx) {
  return db.select({ id: locations.id, name: locations.name }).from(locations).orderBy(asc(sql`lower(${locations.name})`));
}

function duplicateSku(e: unknown, sku: string): never {
  if (isUniqueViolation(e, 'products_sku_ci'))
    throw new DomainError('DUPLICATE', `A product with SKU ${sku} already exists.`, { sku: ['This SKU is taken (SKUs ignore upper/lower case).'] });
  throw e;
}

/**
 * Creates (no id) or updates a product together with its prices in one transaction, so a product
 * never exists with half its prices. The prices given replace all the product's prices.
 */
export async function saveProduct(db: Db | Tx, input: ProductData): Promise<{ id: string; sku: string; created: boolean }> {
  return db.transaction(async (tx) => {
    if (input.defaultLocationId) {
      const [loc] = await tx.select({ id: locations.id }).from(locations).where(eq(locations.id, input.defaultLocationId));
      if (!loc) throw new DomainError('NOT_FOUND', 'That location no longer exists.', { defaultLocationId: ['Choose a location from the list.'] });
    }
    const values = {
      sku: input.sku,
      name: input.name,
      barcode: input.barcode,
      barcodeType: input.barcode ? input.barcodeType : null,
      fnsku: input.fnsku,
      asin: input.asin,
      fbaBarcode: input.fbaBarcode,
      unitCost: input.unitCost,
      defaultLocationId: input.defaultLocationId,
    };
    let id: string;
    try {
      if (input.id) {
        const rows = await tx.update(products).set({ ...values, updatedAt: new Date() }).where(eq(products.id, input.id)).returning({ id: products.id });
        if (rows.length === 0) throw new DomainError('NOT_FOUND', 'That product no longer exists.');
        id = rows[0].id;
      } else {
        const [row] = await tx.insert(products).values(values).returning({ id: products.id });
        id = row.id;
      }
    } catch (e) {
      duplicateSku(e, input.sku);
    }
    await tx.delete(productPrices).where(eq(productPrices.productId, id));
    if (input.prices.length > 0) {
      await ensurePriceTiers(tx);
      await tx.insert(productPrices).values(input.prices.map((p) => ({ productId: id, tier: p.tier, price: p.price })));
    }
    return { id, sku: input.sku, created: !input.id };
  });
}
