import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getFoView } from '@/lib/fulfilment/fo-view';
import { foReturnsOf } from '@/lib/returns/fo-returns';
import { isUuid } from '@/lib/validation/id';
import { FoLive } from './fo-live';

export const metadata: Metadata = { title: 'Fulfilment order' };

const BASE = '/sale/fulfilment-orders';

export default async function FulfilmentOrderPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission(PERMISSION.fba);
  const { id } = await params;
  const db = await getDb();
  if (!isUuid(id)) notFound();
  // The returns need only the id: read beside the order.
  const [order, returns] = await Promise.all([getFoView(db, id), foReturnsOf(db, id)]);
  if (!order) notFound();
  return (
    <>
      <PageHeader title={`Fulfilment order ${order.number}`} crumbs={['Sale', 'Fulfilment Orders']} />
      <FoLive initial={order} initialReturns={returns} statusUrl={`${BASE}/${order.id}/status`} saleHref={`/sale/sales/${order.sale.id}`} />
      <p className="mt-4">
        <Link href={BASE}>« All fulfilment orders</Link>
      </p>
    </>
  );
}
