import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getInboundView } from '@/lib/inbound/inbound-view';
import { isUuid } from '@/lib/validation/id';
import { InboundLive } from './inbound-live';

export const metadata: Metadata = { title: 'Inbound shipment' };

export default async function InboundShipmentPage({ params }: { params: Promise<{ id: string; inboundId: string }> }) {
  await requirePermission(PERMISSION.fba);
  const { id, inboundId } = await params;
  const view = isUuid(id) && isUuid(inboundId) ? await getInboundView(await getDb(), inboundId) : null;
  if (!view || view.connection.id !== id) notFound();
  const base = `/integration/fba/${id}/inbound`;
  return (
    <>
      <h2 className="mb-2 text-lg font-semibold text-slate-900">Inbound shipment {view.name}</h2>
      <InboundLive initial={view} statusUrl={`${base}/${view.id}/status`} />
      <p className="mt-4">
        <Link href={base}>« All inbound shipments</Link>
      </p>
    </>
  );
}
