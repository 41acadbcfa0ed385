import { inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { locations, products } from '@/db/schema';
import { isUniqueViolation, rowsOf } from '@/db/driver';
import { readCsvRecords, type CsvRecord } from '@/lib/csv/read';
import { DomainError, isDomainError } from '@/lib/errors';
import { ensurePriceTiers, listPriceTiers } from './price-tiers';
import { mapProductHeader, readProductRows, type ProductColumnKey, type ProductRow } from './product-csv';
import { TIERS, priceKey } from './product-inputs';

const CHUNK = 1000;
const MAX_ERRORS = 500;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Product columns an import can write, with their SQL name and type for jsonb_to_recordset. */
const COLUMNS: { key: ProductColumnKey; column: string; type: string }[] = [
  { key: 'name', column: 'name', type: 'text' },
  { key: 'barcode', column: 'barcode', type: 'text' },
  { key: 'barcodeType', column: 'barcode_type', type: 'text' },
  { key: 'fnsku', column: 'fnsku', type: 'text' },
  { key: 'asin', column: 'asin', type: 'text' },
  { key: 'unitCost', column: 'unit_cost', type: 'bigint' },
  { key: 'defaultLocation', column: 'default_location_id', type: 'uuid' },
];

function reject(errors: string[]): never {
  const shown = errors.length > MAX_ERRORS ? [...errors.slice(0, MAX_ERRORS), `…and ${errors.length - MAX_ERRORS} more.`] : errors;
  throw new DomainError('INVALID_INPUT', `The file has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}; nothing was imported. Fix them and upload it again.`, { file: shown });
}

export type ImportResult = { created: number; updated: number };

/** The file's records; a file that is not UTF-8 text, or holds a NUL, is refused naming the line. */
async function readRecords(file: string | Blob): Promise<CsvRecord[]> {
  try {
    return await readCsvRecords(file);
  } catch (e) {
    if (isDomainError(e)) reject([e.message]);
    throw e;
  }
}

/**
 * Imports products from a CSV file (its bytes, or text already decoded): new SKUs are created,
 * existing ones (matched without regard to case) updated. Every row is checked first and all
 * problems are reported together; if any row is wrong nothing is written. Otherwise everything is
 * written in one transaction, in batches (a statement per thousand rows, never one per row).
 */
export async function importProductsCsv(db: Db, file: string | Blob): Promise<ImportResult> {
  const records = await readRecords(file);
  if (records.length < 2) throw new DomainError('INVALID_INPUT', 'The file has no product rows: the first row is the header, then one row per product.');
  return db.transaction(async (tx) => {
    const header = mapProductHeader(records[0].cells, await listPriceTiers(tx));
    if ('errors' in header) reject(header.errors);
    const { rows, errors } = readProductRows(records.slice(1), header.map);
    const keys = new Set(header.map.keys);

    const locationIds = keys.has('defaultLocation') ? await findLocations(tx) : new Map<string, string>();
    const existing = await findProductsBySku(tx, rows.map((r) => r.sku.toLowerCase()));
    for (const r of rows) {
      if (r.defaultLocation && !locationIds.has(r.defaultLocation.toLowerCase())) errors.push(`Line ${r.line}: Default location "${r.defaultLocation}" does not exist.`);
      if (!existing.has(r.sku.toLowerCase()) && !r.name) errors.push(`Line ${r.line}: Name is required for a new product (SKU ${r.sku}).`);
    }
    if (errors.length) reject(errors.sort((a, b) => lineOf(a) - lineOf(b)));

    const toDb = (r: ProductRow): DbRow => ({
      ...r,
      barcodeType: r.barcode ? r.barcodeType : null,
      defaultLocation: r.defaultLocation ? locationIds.get(r.defaultLocation.toLowerCase())! : null,
    });
    const created = rows.filter((r) => !existing.has(r.sku.toLowerCase())).map(toDb);
    const updated = rows.filter((r) => existing.has(r.sku.toLowerCase())).map((r) => ({ ...toDb(r), id: existing.get(r.sku.toLowerCase())! }));

    // lower(sku) → id; RETURNING order is not promised, so rows are matched by SKU.
    const ids = new Map<string, string>(updated.map((r) => [r.sku.toLowerCase(), r.id]));
    try {
      for (const part of chunks(created)) for (const p of await insertProducts(tx, part)) ids.set(p.sku.toLowerCase(), p.id);
    } catch (e) {
      // Someone created one of these SKUs after we looked; the whole import rolls back.
      if (isUniqueViolation(e, 'products_sku_ci')) throw new DomainError('DUPLICATE', 'A product with one of these SKUs was just created by someone else; nothing was imported. Upload the file again.');
      throw e;
    }
    const present = COLUMNS.filter((c) => keys.has(c.key));
    if (present.length) for (const part of chunks(updated)) await updateProducts(tx, part, present);

    await replacePrices(tx, rows, ids, keys, updated.map((r) => r.id));
    return { created: created.length, updated: updated.length };
  });
}

const lineOf = (message: string) => Number(/^Line (\d+)/.exec(message)?.[1] ?? 0);

async function findLocations(tx: Tx) {
  const all = await tx.select({ id: locations.id, name: locations.name }).from(locations);
  return new Map(all.map((l) => [l.name.toLowerCase(), l.id]));
}

/** lower(sku) → id, in batches that use the products_sku_ci index. */
async function findProductsBySku(tx: Tx, lowered: string[]) {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(lowered)])) {
    const rows = await tx
      .select({ id: products.id, sku: products.sku })
      .from(products)
      .where(inArray(sql`lower(${products.sku})`, part));
    for (const r of rows) found.set(r.sku.toLowerCase(), r.id);
  }
  return found;
}

type DbRow = ProductRow & { defaultLocation: string | null };

/**
 * Batches go to PostgreSQL as one jsonb parameter (as in lib/stock/ledger.ts): binding thousands
 * of separate parameters costs more than the statement itself.
 */
async function insertProducts(tx: Tx, part: DbRow[]) {
  const payload = part.map((r) => ({ sku: r.sku, name: r.name, barcode: r.barcode ?? null, barcode_type: r.barcodeType ?? null, fnsku: r.fnsku ?? null, asin: r.asin ?? null, unit_cost: r.unitCost ?? null, default_location_id: r.defaultLocation }));
  return rowsOf<{ id: string; sku: string }>(
    await tx.execute(sql`
      INSERT INTO products (sku, name, barcode, barcode_type, fnsku, asin, unit_cost, default_location_id)
      SELECT v.sku, v.name, v.barcode, v.barcode_type, v.fnsku, v.asin, v.unit_cost, v.default_location_id
      FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb)
        AS v(sku text, name text, barcode text, barcode_type text, fnsku text, asin text, unit_cost bigint, default_location_id uuid)
      RETURNING id, sku`),
  );
}

/** One UPDATE … FROM jsonb_to_recordset per batch, touching only the columns the file has. */
async function updateProducts(tx: Tx, part: (DbRow & { id: string })[], present: typeof COLUMNS) {
  const payload = part.map((r) => Object.fromEntries([['id', r.id], ...present.map((c) => [c.column, r[c.key as keyof ProductRow] ?? null])]));
  const set = sql.join(
    present.map((c) => sql.raw(`"${c.column}" = v."${c.column}"`)),
    sql`, `,
  );
  const shape = sql.raw(['id uuid', ...present.map((c) => `"${c.column}" ${c.type}`)].join(', '));
  await tx.execute(sql`
    UPDATE products AS p SET ${set}, updated_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) AS v(${shape})
    WHERE p.id = v.id`);
}

/** For each price column in the file: a blank cell removes that tier's price, a value replaces it. */
async function replacePrices(tx: Tx, rows: ProductRow[], ids: Map<string, string>, keys: Set<ProductColumnKey>, existingIds: string[]) {
  const tiers = TIERS.filter((t) => keys.has(priceKey(t)));
  if (tiers.length === 0) return;
  const idOf = (r: ProductRow) => ids.get(r.sku.toLowerCase())!;
  for (const part of chunks(existingIds))
    await tx.execute(sql`
      DELETE FROM product_prices
      WHERE product_id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(part)}::jsonb))
        AND tier IN (SELECT value::smallint FROM jsonb_array_elements_text(${JSON.stringify(tiers)}::jsonb))`);
  const prices = rows.flatMap((r) =>
    tiers.flatMap((tier) => {
      const price = r[priceKey(tier)];
      return price == null ? [] : [{ product_id: idOf(r), tier, price }];
    }),
  );
  if (prices.length) await ensurePriceTiers(tx);
  for (const part of chunks(prices, 5000))
    await tx.execute(sql`
      INSERT INTO product_prices (product_id, tier, price)
      SELECT v.product_id, v.tier, v.price FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS v(product_id uuid, tier smallint, price bigint)`);
}
