import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listPriceTiers } from '@/lib/catalog/price-tiers';
import { PriceTierForm } from './price-tier-form';

export const metadata: Metadata = { title: 'Price Tiers' };

export default async function PriceTiersPage() {
  await requirePermission(PERMISSION.referenceBooks);
  const tiers = await listPriceTiers(await getDb());
  return (
    <>
      <PageHeader title="Price Tiers" crumbs={['Settings', 'Reference Books']} />
      <section aria-label="Tier names" className="rounded border border-slate-200 bg-white p-4 shadow-sm">
        <p className="mb-4 text-slate-600">
          Every product can have a price in each of the ten tiers; a customer buys at their default tier. Rename the tiers to suit your business (for example Retail,
          Wholesale). The names must differ from each other.
        </p>
        <PriceTierForm tiers={tiers} />
      </section>
    </>
  );
}
