import type { Db } from '@/db';
import { customers, productPrices, products } from '@/db/schema';
import { PERMISSION } from '@/lib/auth/permissions';
import { createUser } from '@/lib/auth/users';
import { addBin, createLocation } from '@/lib/reference/locations';
import { saveCompanySettings } from '@/lib/reference/company';
import { createAdjustment, type AdjustmentLine } from '@/lib/stock/adjustments';

/** EAN-13 check digit over the first 12 digits. */
function ean13(first12: string) {
  const sum = [...first12].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return first12 + ((10 - (sum % 10)) % 10);
}

export const DEMO_PRODUCT_COUNT = 30;
const demoSku = (n: number) => `DEMO-${String(n).padStart(3, '0')}`;

/**
 * A demo company for someone trying the product: two warehouses (one with bins), 30 products whose
 * SKUs DEMO-001 … DEMO-026 are also stocked at the FBA sandbox's demo seller, customers, opening
 * stock posted as a real stock adjustment, and a warehouse user with limited permissions.
 */
export const DEMO_WAREHOUSE_USER = { email: 'warehouse@demo.example', password: 'warehouse-demo-1' };

export async function seedDemo(db: Db) {
  await saveCompanySettings(db, { companyName: 'Demo Company', baseCurrency: 'USD' });
  const main = (await createLocation(db, { name: 'Main Warehouse' }))!;
  const store = (await createLocation(db, { name: 'Retail Store' }))!;
  const binIds: string[] = [];
  for (const name of ['A-01', 'A-02', 'B-01']) binIds.push((await addBin(db, { locationId: main.id, name })).id);

  const rows = Array.from({ length: DEMO_PRODUCT_COUNT }, (_, i) => {
    const n = i + 1;
    return {
      sku: demoSku(n),
      name: `Demo product ${String(n).padStart(3, '0')}`,
      barcode: ean13(`9780000${String(n).padStart(5, '0')}`),
      barcodeType: 'EAN' as const,
      unitCost: 25_000 + n * 1_500, // 2.50 + 0.15·n
      defaultLocationId: main.id,
    };
  });
  const inserted = await db.insert(products).values(rows).returning({ id: products.id, sku: products.sku, unitCost: products.unitCost });
  await db.insert(productPrices).values(
    inserted.flatMap((p) => [
      { productId: p.id, tier: 1, price: Math.round((p.unitCost! * 2.4) / 100) },
      { productId: p.id, tier: 2, price: Math.round((p.unitCost! * 1.8) / 100) },
    ]),
  );

  await db.insert(customers).values([
    { name: 'Northwind Traders', contactName: 'Nancy Davolio', email: 'orders@northwind.example', phone: '+1 206 555 0100', shippingLine1: '1 Pike Place', shippingCity: 'Seattle', shippingState: 'WA', shippingPostalCode: '98101', shippingCountry: 'US', billingAddress: '1 Pike Place\nSeattle WA 98101\nUS' },
    { name: 'Contoso Retail', contactName: 'Ken Myer', email: 'buying@contoso.example', phone: '+1 312 555 0199', shippingLine1: '200 Wacker Dr', shippingCity: 'Chicago', shippingState: 'IL', shippingPostalCode: '60606', shippingCountry: 'US', priceTier: 2 },
    { name: 'Fabrikam Home', contactName: 'Ana Trujillo', email: 'hello@fabrikam.example', shippingLine1: '77 Market St', shippingCity: 'San Francisco', shippingState: 'CA', shippingPostalCode: '94105', shippingCountry: 'US' },
  ]);

  // Opening stock: most products in Main Warehouse bins, a few in the store; DEMO-028…030 have none.
  const lines = inserted.slice(0, 27).flatMap((p, i) => {
    const out: AdjustmentLine[] = [{ sku: p.sku, locationId: main.id, binId: binIds[i % binIds.length], quantity: 20 + ((i * 7) % 40), unitCost: p.unitCost }];
    if (i % 4 === 0) out.push({ sku: p.sku, locationId: store.id, binId: null, quantity: 5 + (i % 6), unitCost: p.unitCost });
    return out;
  });
  await createAdjustment(db, { reason: 'Opening stock', lines }, null);

  await createUser(db, { ...DEMO_WAREHOUSE_USER, name: 'Wendy Warehouse', permissions: [PERMISSION.products, PERMISSION.stocktake, PERMISSION.stockAdjustment, PERMISSION.stockTransfer] });
}
