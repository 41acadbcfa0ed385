import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listPlaces } from '@/lib/stock/places';
import { AdjustmentForm } from '../adjustment-form';

export const metadata: Metadata = { title: 'New stock adjustment' };

export default async function NewAdjustmentPage() {
  await requirePermission(PERMISSION.stockAdjustment);
  const places = await listPlaces(await getDb());
  return (
    <>
      <PageHeader title="New stock adjustment" crumbs={['Inventory', 'Stock Adjustments']} />
      {places.length === 0 ? (
        <EmptyState title="No locations yet">
          Stock is held at a location: <Link href="/settings/reference-books/locations">create a location</Link> first.
        </EmptyState>
      ) : (
        <section aria-label="Adjustment" className="rounded border border-slate-200 bg-white p-4 shadow-sm">
          <AdjustmentForm places={places.map((p) => ({ value: p.value, label: p.label }))} />
        </section>
      )}
    </>
  );
}
