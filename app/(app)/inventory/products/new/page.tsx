import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listPriceTiers } from '@/lib/catalog/price-tiers';
import { BARCODE_TYPES } from '@/lib/catalog/product-inputs';
import { listLocationChoices } from '@/lib/catalog/products';
import { ProductForm } from '../product-form';

export const metadata: Metadata = { title: 'New product' };

export default async function NewProductPage() {
  await requirePermission(PERMISSION.products);
  const db = await getDb();
  const [tiers, locations] = await Promise.all([listPriceTiers(db), listLocationChoices(db)]);
  return (
    <>
      <PageHeader title="New product" crumbs={['Inventory', 'Products']} />
      <ProductForm product={null} tiers={tiers} locations={locations} barcodeTypes={BARCODE_TYPES} />
    </>
  );
}
