import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getSale } from '@/lib/sale/queries';
import { isUuid } from '@/lib/validation/id';
import { PackScanScreen } from './pack-scan-screen';

export const metadata: Metadata = { title: 'Pack by scanning' };

/** Sale → Pack → Pack by scanning: scan items into the current box, close it, start the next. */
export default async function PackScanPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission(PERMISSION.sale);
  const { id } = await params;
  const sale = isUuid(id) ? await getSale(await getDb(), id) : null;
  if (!sale) notFound();
  const back = `/sale/sales/${sale.id}?tab=Pack`;
  if (sale.pickStatus !== 'Authorised' || sale.packStatus === 'Authorised')
    return (
      <div className="mx-auto max-w-md">
        <h1 className="mb-3 text-xl font-semibold">Pack {sale.number}</h1>
        <p role="status" className="mb-4 rounded border border-slate-300 bg-slate-50 px-3 py-2">
          {sale.packStatus === 'Authorised' ? `Pack of sale ${sale.number} is already authorised.` : `Authorise Pick of sale ${sale.number} before packing.`}
        </p>
        <Link href={back}>« Back to the sale</Link>
      </div>
    );
  const lines = sale.picked.map((p) => ({ lineNo: p.lineNo, sku: p.sku, name: p.name, quantity: p.quantity, location: p.location, external: !!p.externalConnectionId }));
  return <PackScanScreen sale={{ id: sale.id, number: sale.number }} lines={lines} back={back} />;
}
