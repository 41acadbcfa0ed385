import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { readSearchParams, type RawSearchParams } from '@/lib/http/search-params';
import { listCountries } from '@/lib/catalog/countries';
import { getCustomer } from '@/lib/catalog/customers';
import { listPriceTiers } from '@/lib/catalog/price-tiers';
import { DomainError } from '@/lib/errors';
import { isUuid } from '@/lib/validation/id';
import { CustomerForm } from '../customer-form';

export const metadata: Metadata = { title: 'Edit customer' };

export default async function EditCustomerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await requirePermission(PERMISSION.customers);
  const [{ id }, raw] = await Promise.all([params, searchParams]);
  const { created } = readSearchParams(raw);
  if (!isUuid(id)) notFound();
  const db = await getDb();
  const customer = await getCustomer(db, id).catch((e) => {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const tiers = await listPriceTiers(db);
  return (
    <>
      <PageHeader title={customer.name} crumbs={['Sale', 'Customers']} />
      {created && (
        <p role="status" className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
          Customer {customer.name} created.
        </p>
      )}
      <CustomerForm key={customer.id} customer={customer} tiers={tiers} countries={listCountries()} />
    </>
  );
}
