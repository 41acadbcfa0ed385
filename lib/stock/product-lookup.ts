import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { rowsOf } from '@/db/driver';
import { products } from '@/db/schema';
import { DomainError } from '@/lib/errors';

export type FoundProduct = { id: string; sku: string; name: string; unitCost: number | null };

export const skuKey = (sku: string) => sku.trim().toLowerCase();

/**
 * Products by SKU, case-insensitively (SKUs are unique by lower(sku)), in one query whatever the
 * number of SKUs: the list travels as one jsonb parameter, so 50,000 SKUs stay under the
 * protocol's parameter limit. Keyed by the lower-cased SKU.
 */
export async function findProductsBySku(db: Db | Tx, skus: string[]): Promise<Map<string, FoundProduct>> {
  const keys = [...new Set(skus.map(skuKey).filter(Boolean))];
  const found = new Map<string, FoundProduct>();
  if (keys.length === 0) return found;
  const rows = await db
    .select({ id: products.id, sku: products.sku, name: products.name, unitCost: products.unitCost })
    .from(products)
    .where(sql`lower(${products.sku}) IN (SELECT jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`);
  for (const r of rows) found.set(skuKey(r.sku), { ...r, unitCost: r.unitCost === null ? null : Number(r.unitCost) });
  return found;
}

/**
 * Resolves the SKUs of form lines, refusing unknown ones with a message next to each line's SKU
 * field (`sku.<index>`), so the user sees every bad line at once.
 */
export async function resolveSkus(db: Db | Tx, lines: { index: number; sku: string }[]): Promise<FoundProduct[]> {
  const found = await findProductsBySku(db, lines.map((l) => l.sku));
  const missing = lines.filter((l) => !found.has(skuKey(l.sku)));
  if (missing.length > 0)
    throw new DomainError(
      'NOT_FOUND',
      `No product with SKU ${missing.map((l) => l.sku).join(', ')}.`,
      Object.fromEntries(missing.map((l) => [`sku.${l.index}`, ['No product has this SKU.']])),
    );
  return lines.map((l) => found.get(skuKey(l.sku))!);
}

/** A few products whose SKU or name starts with the text, for a `<datalist>` of SKUs. */
export async function suggestProducts(db: Db | Tx, text: string, limit = 10) {
  const prefix = `${text.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (prefix === '%') return [];
  return db
    .select({ sku: products.sku, name: products.name })
    .from(products)
    .where(sql`lower(${products.sku}) LIKE ${prefix} OR lower(${products.name}) LIKE ${prefix}`)
    .orderBy(products.sku)
    .limit(limit);
}

/** The product a scanned code names: its SKU (any case), manufacturer barcode or FNSKU (its own, or of an FBA listing mapped to it). */
export async function productForCode(db: Db | Tx, code: string) {
  const rows = rowsOf<{ id: string; sku: string; name: string; rank: number }>(
    await db.execute(sql`
      SELECT id, sku, name, rank FROM (
        SELECT p.id, p.sku, p.name, 1 AS rank FROM products p WHERE lower(p.sku) = lower(${code})
        UNION ALL SELECT p.id, p.sku, p.name, 2 FROM products p WHERE p.barcode = ${code}
        UNION ALL SELECT p.id, p.sku, p.name, 3 FROM products p WHERE p.fnsku = ${code}
        UNION ALL SELECT p.id, p.sku, p.name, 4 FROM fba_listings l JOIN products p ON p.id = l.product_id WHERE l.fnsku = ${code}
      ) m ORDER BY rank LIMIT 1`),
  );
  return rows[0] ?? null;
}
