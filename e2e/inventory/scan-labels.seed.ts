import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bins } from '@/db/schema';
import { ProductFields, ProductInput } from '@/lib/catalog/product-inputs';
import { saveProduct } from '@/lib/catalog/products';
import { binScanCode } from '@/lib/labels/bin-code';
import { seedLocation } from '../support/seed';

/**
 * For scan-labels.spec.ts: a location with three bins (only read: the spec prints their labels),
 * and two products, one with a UPC and one without a barcode (its labels carry its SKU). The bins'
 * scan codes are worked out here, so the spec loads no server code.
 */
export async function seed(db: Db) {
  const location = await seedLocation(db, 'Scan Labels Warehouse', ['B-01', 'A-02', 'A-01']);
  const rows = await db.select({ id: bins.id, name: bins.name }).from(bins).where(eq(bins.locationId, location.id));
  const byName = rows.sort((a, b) => a.name.localeCompare(b.name));
  const emptyForm = Object.fromEntries(ProductFields.keyof().options.map((k) => [k, '']));
  const product = (fields: Record<string, string>) => saveProduct(db, ProductInput.parse({ ...emptyForm, defaultLocationId: '', ...fields }));
  const upc = await product({ sku: 'SCANLBL-A-MUG', name: 'Scan label mug', barcode: '036000291452', barcodeType: 'UPC' });
  const plain = await product({ sku: 'SCANLBL-B-PEN', name: 'Scan label pen' });
  return {
    location: location.name,
    binCodes: byName.map((b) => binScanCode(b)),
    products: { upc: { sku: upc.sku, barcode: '036000291452' }, plain: { sku: plain.sku } },
  };
}

export type ScanLabelsSeed = Awaited<ReturnType<typeof seed>>;
