import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { ReceiptsTable } from '@/components/inbound/receipts-table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getInboundView } from '@/lib/inbound/inbound-view';
import { getInboundReceipts } from '@/lib/inbound/receipts';
import { listLabelDocuments } from '@/lib/labels/documents';
import { FNSKU_FORMAT_LABELS } from '@/lib/labels/sheets';
import { isUuid } from '@/lib/validation/id';
import { InboundLive } from './inbound-live';
import { LabelsPanel } from './labels-panel';

export const metadata: Metadata = { title: 'Inbound shipment' };

const card = 'mb-4 rounded border border-slate-200 bg-white p-4 shadow-sm';

export default async function InboundShipmentPage({ params }: { params: Promise<{ id: string; inboundId: string }> }) {
  await requirePermission(PERMISSION.fba);
  const { id, inboundId } = await params;
  const db = await getDb();
  const view = isUuid(id) && isUuid(inboundId) ? await getInboundView(db, inboundId) : null;
  if (!view || view.connection.id !== id) notFound();
  const base = `/integration/fba/${id}/inbound`;
  const confirmed = view.step === 'done';
  const [documents, receipts] = confirmed ? await Promise.all([listLabelDocuments(db, { inboundId: view.id }, 50), getInboundReceipts(db, view.id)]) : [[], []];
  const sellerUnits = view.lines.filter((l) => l.labelOwner === 'SELLER').reduce((n, l) => n + l.quantity, 0);
  return (
    <>
      <h2 className="mb-2 text-lg font-semibold text-slate-900">Inbound shipment {view.name}</h2>
      <InboundLive initial={view} statusUrl={`${base}/${view.id}/status`}>
        {confirmed && (
          <>
            <section aria-labelledby="inbound-labels" className={card}>
              <h2 id="inbound-labels" className="mb-2 font-semibold text-slate-900">
                Labels
              </h2>
              <LabelsPanel inboundId={view.id} documents={documents} sellerUnits={sellerUnits} formats={Object.entries(FNSKU_FORMAT_LABELS).map(([value, label]) => ({ value, label }))} />
            </section>
            <section aria-labelledby="inbound-receipts" className={card}>
              <h2 id="inbound-receipts" className="mb-2 font-semibold text-slate-900">
                Received by Amazon
              </h2>
              <ReceiptsTable rows={receipts} />
            </section>
          </>
        )}
      </InboundLive>
      <p className="mt-4">
        <Link href={base}>« All inbound shipments</Link>
      </p>
    </>
  );
}
