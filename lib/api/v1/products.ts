import { z } from 'zod';
import type { Db, Tx } from '@/db';
import { getProduct, listProducts, saveProduct, type ProductDetail } from '@/lib/catalog/products';
import { BARCODE_TYPES, ProductInput, TIERS, priceKey } from '@/lib/catalog/product-inputs';
import { FBA_BARCODES } from '@/db/schema';
import { COST_SCALE, PRICE_SCALE, formatDecimal } from '@/lib/money';
import { ApiRefusal, pointerOf } from '../problem';
import { CursorParam, Decimal, Limit, listOf } from './common';

const TierKey = z.enum(TIERS.map(String) as [string, ...string[]]);

/** A product as the API shows it. Money is decimal text: unit cost at 4 places, prices at 2. */
export const ApiProduct = z.object({
  id: z.uuid(),
  sku: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  barcodeType: z.enum(BARCODE_TYPES).nullable(),
  fnsku: z.string().nullable(),
  asin: z.string().nullable(),
  fbaBarcode: z.enum(FBA_BARCODES),
  unitCost: Decimal.nullable(),
  defaultLocationId: z.uuid().nullable(),
  prices: z.partialRecord(TierKey, Decimal).describe('Price per price tier (1–10); tiers without a price are absent.'),
});

export const ApiProductListItem = ApiProduct.pick({ id: true, sku: true, name: true, barcode: true, barcodeType: true, fnsku: true, asin: true, unitCost: true }).extend({
  defaultLocation: z.string().nullable(),
  onHand: z.number().int(),
});

export const ProductListQuery = z.object({
  q: z.string().max(200, 'q is at most 200 characters.').optional().describe('SKU, barcode, FNSKU or ASIN from its start, or words of the name.'),
  sort: z.enum(['sku', 'name'], 'sort is sku or name.').default('sku'),
  cursor: CursorParam,
  limit: Limit,
});

export const ProductList = listOf(ApiProductListItem);

const Fields = {
  sku: z.string(),
  name: z.string(),
  barcode: z.string().nullable().optional(),
  barcodeType: z.string().nullable().optional(),
  fnsku: z.string().nullable().optional(),
  asin: z.string().nullable().optional(),
  fbaBarcode: z.string().optional(),
  unitCost: Decimal.nullable().optional(),
  defaultLocationId: z.string().nullable().optional(),
  prices: z.record(z.string(), Decimal.nullable()).optional(),
};

type Body = { [K in keyof typeof Fields]?: z.output<(typeof Fields)[K]> };

/** JSON → the product form's fields, so the form's own schema (ProductInput) decides: one set of rules. */
function asForm(id: string | null, b: Body): Record<string, string> {
  const form: Record<string, string> = {
    id: id ?? '',
    sku: b.sku ?? '',
    name: b.name ?? '',
    barcode: b.barcode ?? '',
    barcodeType: b.barcodeType ?? '',
    fnsku: b.fnsku ?? '',
    asin: b.asin ?? '',
    unitCost: b.unitCost ?? '',
    defaultLocationId: b.defaultLocationId ?? '',
  };
  if (b.fbaBarcode !== undefined) form.fbaBarcode = b.fbaBarcode;
  for (const tier of TIERS) form[priceKey(tier)] = '';
  for (const [tier, price] of Object.entries(b.prices ?? {})) form[priceKey(Number(tier))] = price ?? '';
  return form;
}

/** The form schema's field back to where it sits in the JSON body (price3 → prices/3). */
function bodyPath(path: readonly PropertyKey[]): PropertyKey[] {
  const [first, ...rest] = path;
  const m = /^price(\d+)$/.exec(String(first));
  return m ? ['prices', m[1]!, ...rest] : [...path];
}

function checkedAgainstForm(id: string | null) {
  return (b: Body, ctx: z.RefinementCtx) => {
    const unknownTier = Object.keys(b.prices ?? {}).filter((t) => !TierKey.safeParse(t).success);
    for (const t of unknownTier) ctx.addIssue({ code: 'custom', path: ['prices', t], message: `Price tiers are 1 to ${TIERS.length}.` });
    const parsed = ProductInput.safeParse(asForm(id, b));
    if (!parsed.success) for (const i of parsed.error.issues) ctx.addIssue({ code: 'custom', path: bodyPath(i.path), message: i.message });
    if (unknownTier.length || !parsed.success) return z.NEVER;
    return parsed.data;
  };
}

export const CreateProductBody = z.strictObject(Fields).transform(checkedAgainstForm(null));

/** A partial product: the fields given replace the product's, the rest stay (prices given replace all prices). */
export const UpdateProductBody = z.strictObject(Object.fromEntries(Object.entries(Fields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof Fields]: z.ZodOptional<(typeof Fields)[K]> });

export function showProduct(p: ProductDetail): z.infer<typeof ApiProduct> {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    barcode: p.barcode,
    barcodeType: p.barcodeType,
    fnsku: p.fnsku,
    asin: p.asin,
    fbaBarcode: p.fbaBarcode,
    unitCost: p.unitCost === null ? null : formatDecimal(p.unitCost, COST_SCALE),
    defaultLocationId: p.defaultLocationId,
    prices: Object.fromEntries(Object.entries(p.prices).map(([tier, price]) => [tier, formatDecimal(price, PRICE_SCALE)])),
  };
}

export async function productList(db: Db | Tx, q: z.output<typeof ProductListQuery>) {
  const page = await listProducts(db, { q: q.q?.trim() || undefined, sort: q.sort, dir: 'asc', after: q.cursor, limit: q.limit });
  return {
    data: page.rows.map((r) => ({ ...r, unitCost: r.unitCost === null ? null : formatDecimal(r.unitCost, COST_SCALE) })),
    nextCursor: page.next,
  };
}

export async function productCreate(db: Db | Tx, body: z.output<typeof CreateProductBody>) {
  const saved = await saveProduct(db, body);
  return showProduct(await getProduct(db, saved.id));
}

/** The stored product with the given fields over it, checked as a whole by the form's rules. */
export async function productUpdate(db: Db | Tx, id: string, patch: z.output<typeof UpdateProductBody>) {
  const current = showProduct(await getProduct(db, id));
  // Prices given replace them all: a tier the patch leaves out loses its price.
  const prices: Record<string, string | null> = patch.prices ? { ...patch.prices } : { ...(current.prices as Record<string, string>) };
  if (patch.prices) for (const t of Object.keys(current.prices)) if (!(t in patch.prices)) prices[t] = null;
  const merged: Body = { ...current, ...patch, prices };
  const checked = z.any().transform(checkedAgainstForm(id)).safeParse(merged);
  if (!checked.success)
    throw new ApiRefusal(
      422,
      'Check the fields listed in errors.',
      checked.error.issues.map((i) => ({ detail: i.message, pointer: pointerOf(i.path) })),
    );
  await saveProduct(db, checked.data);
  return showProduct(await getProduct(db, id));
}

export async function productGet(db: Db | Tx, id: string) {
  return showProduct(await getProduct(db, id));
}
