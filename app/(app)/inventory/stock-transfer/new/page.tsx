import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listPlaces } from '@/lib/stock/places';
import { TransferForm } from '../transfer-forms';

export const metadata: Metadata = { title: 'New stock transfer' };

export default async function NewTransferPage() {
  await requirePermission(PERMISSION.stockTransfer);
  const places = await listPlaces(await getDb());
  return (
    <>
      <PageHeader title="New stock transfer" crumbs={['Inventory', 'Stock Transfer']} />
      {places.length < 2 ? (
        <EmptyState title="Nowhere to transfer to yet">
          A transfer moves stock between two locations or bins: <Link href="/settings/reference-books/locations">add a location or bin</Link> first.
        </EmptyState>
      ) : (
        <section aria-label="Transfer" className="rounded border border-slate-200 bg-white p-4 shadow-sm">
          <TransferForm places={places.map((p) => ({ value: p.value, label: p.label }))} />
        </section>
      )}
    </>
  );
}
