import { z } from 'zod';
import type { CsvRecord } from '@/lib/csv/read';
import { formatCost, formatPrice } from '@/lib/money';
import type { PriceTier } from './price-tiers';
import { ProductFields, TIERS, priceKey, refineBarcode, type PriceKey } from './product-inputs';

/**
 * The products CSV: the columns export writes and import reads. Import also accepts a tier's
 * name as the header of its price column, any column order, and a subset of columns (a column
 * left out is left unchanged on existing products).
 */
export const BASE_COLUMNS = [
  ['SKU', 'sku'],
  ['Name', 'name'],
  ['Barcode', 'barcode'],
  ['BarcodeType', 'barcodeType'],
  ['FNSKU', 'fnsku'],
  ['ASIN', 'asin'],
  ['UnitCost', 'unitCost'],
  ['DefaultLocation', 'defaultLocation'],
] as const;

export type ProductColumnKey = (typeof BASE_COLUMNS)[number][1] | PriceKey;
export const priceHeader = (tier: number) => `Price Tier ${tier}`;
export const PRODUCT_CSV_HEADER: string[] = [...BASE_COLUMNS.map(([h]) => h), ...TIERS.map(priceHeader)];

/** Header comparison ignores case, spaces, underscores and hyphens ("Barcode Type" = "barcode_type"). */
const norm = (h: string) => h.toLowerCase().replace(/[\s_-]+/g, '');

const ALIASES: Record<string, ProductColumnKey> = { location: 'defaultLocation', cost: 'unitCost' };

export type HeaderMap = { keys: ProductColumnKey[] };

/** Maps each header cell to a field, or lists every problem with the header row. */
export function mapProductHeader(header: string[], tiers: PriceTier[]): { map: HeaderMap } | { errors: string[] } {
  const lookup = new Map<string, ProductColumnKey>(Object.entries(ALIASES));
  for (const [label, key] of BASE_COLUMNS) lookup.set(norm(label), key);
  for (const t of tiers) {
    for (const h of [priceHeader(t.tier), `Tier ${t.tier}`, `Price ${t.name}`]) lookup.set(norm(h), priceKey(t.tier));
    if (!lookup.has(norm(t.name))) lookup.set(norm(t.name), priceKey(t.tier));
  }
  const errors: string[] = [];
  const keys: ProductColumnKey[] = [];
  header.forEach((cell, i) => {
    const key = lookup.get(norm(cell));
    if (!key) errors.push(`Column ${i + 1} "${cell}" is not a products column. Use: ${PRODUCT_CSV_HEADER.join(', ')}.`);
    else if (keys.includes(key)) errors.push(`Column ${i + 1} "${cell}" repeats an earlier column.`);
    if (key) keys.push(key);
  });
  if (!keys.includes('sku')) errors.push('The header needs a SKU column: rows are matched to products by SKU.');
  // The two are checked together, so one cannot be updated without the other.
  if (keys.includes('barcode') !== keys.includes('barcodeType')) errors.push('Barcode and BarcodeType columns go together: include both or neither.');
  return errors.length ? { errors } : { map: { keys } };
}

export type ProductRow = Partial<z.output<typeof ProductFields>> & { sku: string; line: number };

/**
 * Validates every data row (all of them, not just the first bad one) against the same rules as
 * the product form. Each row is named by the line of the file it starts on (the header's line is
 * 1; blank lines and line breaks inside quoted fields count), as the CSV reader names its refusals.
 */
export function readProductRows(records: CsvRecord[], map: HeaderMap): { rows: ProductRow[]; errors: string[] } {
  const mask = Object.fromEntries(map.keys.map((k) => [k, true])) as Record<ProductColumnKey, true>;
  const schema = ProductFields.pick(mask).superRefine(refineBarcode);
  const rows: ProductRow[] = [];
  const errors: string[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, cells } of records) {
    if (cells.length !== map.keys.length) {
      errors.push(`Line ${line}: has ${cells.length} ${cells.length === 1 ? 'field' : 'fields'} but the header has ${map.keys.length}.`);
      continue;
    }
    const parsed = schema.safeParse(Object.fromEntries(map.keys.map((k, c) => [k, cells[c]])));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`Line ${line}: ${describePath(issue.path)}${issue.message}`);
      continue;
    }
    const data = parsed.data as ProductRow;
    const key = data.sku.toLowerCase();
    const first = firstLine.get(key);
    if (first) errors.push(`Line ${line}: SKU ${data.sku} already appears on line ${first}.`);
    else firstLine.set(key, line);
    rows.push({ ...data, line });
  }
  return { rows, errors };
}

/** Price messages do not name their tier, so the row error does. */
function describePath(path: PropertyKey[]) {
  const m = /^price(\d+)$/.exec(String(path[0] ?? ''));
  return m ? `${priceHeader(Number(m[1]))}: ` : '';
}

export type ExportProduct = {
  sku: string;
  name: string;
  barcode: string | null;
  barcodeType: string | null;
  fnsku: string | null;
  asin: string | null;
  unitCost: number | null;
  defaultLocation: string | null;
  prices: Record<number, number>;
};

/** One CSV record per product, in PRODUCT_CSV_HEADER order, money as decimal text. */
export function toProductRecord(p: ExportProduct): (string | null)[] {
  return [
    p.sku,
    p.name,
    p.barcode,
    p.barcode ? p.barcodeType : null,
    p.fnsku,
    p.asin,
    p.unitCost == null ? null : formatCost(p.unitCost),
    p.defaultLocation,
    ...TIERS.map((t) => (p.prices[t] == null ? null : formatPrice(p.prices[t]))),
  ];
}
