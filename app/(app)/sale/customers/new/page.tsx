import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listCountries } from '@/lib/catalog/countries';
import { listPriceTiers } from '@/lib/catalog/price-tiers';
import { CustomerForm } from '../customer-form';

export const metadata: Metadata = { title: 'New customer' };

export default async function NewCustomerPage() {
  await requirePermission(PERMISSION.customers);
  const tiers = await listPriceTiers(await getDb());
  return (
    <>
      <PageHeader title="New customer" crumbs={['Sale', 'Customers']} />
      <CustomerForm customer={null} tiers={tiers} countries={listCountries()} />
    </>
  );
}
