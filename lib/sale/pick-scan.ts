import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { bins, sales } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { productForCode } from '@/lib/stock/product-lookup';
import { pickLinesWithPlaces } from './pick';

// Pick and Pack by scanning (the floor screens of a sale's Pick and Pack): each scan names a
// product; it is accepted for the sale's own-stock lines of that product (for Pick, in the bin being
// picked from, when one is chosen) and refused with the reason otherwise. The screen tallies the
// units; Authorise itself re-checks everything, as from the desk.

export type PickScanResult = { status: 'ok'; sku: string; name: string; lineNos: number[] } | { status: 'refused'; reason: string };

const placeOf = (l: { location: string; bin: string | null }) => (l.bin ? `${l.location} › ${l.bin}` : l.location);

type ScannedLines = { refused: string } | { product: { sku: string; name: string }; own: Awaited<ReturnType<typeof pickLinesWithPlaces>> };

/**
 * What both scans check once the stage is open: the code names a product, the product is on the
 * sale's picked lines, and some of them are picked from own stock (Amazon picks and packs FBA lines).
 */
async function scannedLines(db: Db | Tx, saleId: string, code: string, notOnSale: (sku: string, name: string) => string, amazonDoes: string): Promise<ScannedLines> {
  const product = await productForCode(db, code);
  if (!product) return { refused: `Unknown code ${code}: no product has this SKU, barcode or FNSKU.` };
  const lines = (await pickLinesWithPlaces(db, saleId)).filter((l) => l.productId === product.id);
  if (lines.length === 0) return { refused: notOnSale(product.sku, product.name) };
  const own = lines.filter((l) => !l.externalConnectionId);
  if (own.length === 0) return { refused: `${product.sku} ships from ${lines[0].location} (FBA): Amazon ${amazonDoes} it, not you.` };
  return { product, own };
}

export async function checkPickScan(db: Db | Tx, input: { saleId: string; code: string; binId: string | null }): Promise<PickScanResult> {
  const [sale] = await db.select({ number: sales.number, pickStatus: sales.pickStatus, orderStatus: sales.orderStatus }).from(sales).where(eq(sales.id, input.saleId));
  if (!sale) throw new DomainError('NOT_FOUND', 'That sale no longer exists.');
  if (sale.pickStatus === 'Authorised') return { status: 'refused', reason: `Pick of sale ${sale.number} is already authorised.` };
  if (sale.orderStatus !== 'Authorised') return { status: 'refused', reason: `Sale ${sale.number} is ${sale.orderStatus}: authorise the order first.` };
  const found = await scannedLines(db, input.saleId, input.code, (sku, name) => `${sku} (${name}) is not on sale ${sale.number}: put it back.`, 'picks');
  if ('refused' in found) return { status: 'refused', reason: found.refused };
  const { product, own } = found;
  if (input.binId) {
    const here = own.filter((l) => l.binId === input.binId);
    if (here.length === 0) {
      const [bin] = await db.select({ name: bins.name }).from(bins).where(eq(bins.id, input.binId));
      return { status: 'refused', reason: `${product.sku} is picked from ${[...new Set(own.map(placeOf))].join(', ')}, not from bin ${bin?.name ?? 'chosen'}.` };
    }
    return { status: 'ok', sku: product.sku, name: product.name, lineNos: here.map((l) => l.lineNo) };
  }
  return { status: 'ok', sku: product.sku, name: product.name, lineNos: own.map((l) => l.lineNo) };
}

/** One scan of Pack by scanning: the sale's picked own-stock lines of the scanned product. */
export async function checkPackScan(db: Db | Tx, input: { saleId: string; code: string }): Promise<PickScanResult> {
  const [sale] = await db.select({ number: sales.number, pickStatus: sales.pickStatus, packStatus: sales.packStatus }).from(sales).where(eq(sales.id, input.saleId));
  if (!sale) throw new DomainError('NOT_FOUND', 'That sale no longer exists.');
  if (sale.packStatus === 'Authorised') return { status: 'refused', reason: `Pack of sale ${sale.number} is already authorised.` };
  if (sale.pickStatus !== 'Authorised') return { status: 'refused', reason: `Authorise Pick of sale ${sale.number} before packing.` };
  const found = await scannedLines(db, input.saleId, input.code, (sku, name) => `${sku} (${name}) was not picked for sale ${sale.number}: put it aside.`, 'packs');
  if ('refused' in found) return { status: 'refused', reason: found.refused };
  return { status: 'ok', sku: found.product.sku, name: found.product.name, lineNos: found.own.map((l) => l.lineNo) };
}
