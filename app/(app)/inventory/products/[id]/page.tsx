import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { readSearchParams, type RawSearchParams } from '@/lib/http/search-params';
import { listPriceTiers } from '@/lib/catalog/price-tiers';
import { BARCODE_TYPES } from '@/lib/catalog/product-inputs';
import { getProduct, listLocationChoices } from '@/lib/catalog/products';
import { isDomainError } from '@/lib/errors';
import { isUuid } from '@/lib/validation/id';
import { ProductForm } from '../product-form';

export const metadata: Metadata = { title: 'Edit product' };

export default async function EditProductPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await requirePermission(PERMISSION.products);
  const [{ id }, raw] = await Promise.all([params, searchParams]);
  const { created } = readSearchParams(raw);
  if (!isUuid(id)) notFound();
  const db = await getDb();
  const product = await getProduct(db, id).catch((e) => {
    if (isDomainError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const [tiers, locations] = await Promise.all([listPriceTiers(db), listLocationChoices(db)]);
  return (
    <>
      <PageHeader title={`Product ${product.sku}`} crumbs={['Inventory', 'Products']} />
      {created && (
        <p role="status" className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
          Product {product.sku} created.
        </p>
      )}
      <ProductForm key={product.id} product={product} tiers={tiers} locations={locations} barcodeTypes={BARCODE_TYPES} />
    </>
  );
}
