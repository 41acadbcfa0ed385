import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { SaleForm } from '@/components/sale/sale-form';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listPriceTiers } from '@/lib/catalog/price-tiers';
import { listLocationChoices } from '@/lib/catalog/products';
import { listSaleCustomers, listSaleProducts } from '@/lib/sale/sales';
import { createSaleAction } from '../sales/actions';

export const metadata: Metadata = { title: 'New sale' };

export default async function NewSalePage() {
  await requirePermission(PERMISSION.sale);
  const db = await getDb();
  const [customers, products, tiers, locations] = [await listSaleCustomers(db), await listSaleProducts(db), await listPriceTiers(db), await listLocationChoices(db)];
  return (
    <>
      <PageHeader title="New sale" crumbs={['Sale']} />
      {customers.length === 0 || products.length === 0 ? (
        <EmptyState title={customers.length === 0 ? 'No customers yet' : 'No products yet'}>
          A sale needs a customer and products: {customers.length === 0 ? <Link href="/sale/customers/new">add a customer</Link> : <Link href="/inventory/products/new">add a product</Link>} first.
        </EmptyState>
      ) : (
        <section aria-label="Sale" className="rounded border border-slate-200 bg-white p-4 shadow-sm">
          <SaleForm
            action={createSaleAction}
            customers={customers}
            products={products.map((p) => ({ sku: p.sku, name: p.name, defaultLocationId: p.defaultLocationId, prices: p.prices }))}
            tiers={tiers}
            locations={locations.map((l) => ({ value: l.id, label: l.name }))}
          />
        </section>
      )}
    </>
  );
}
