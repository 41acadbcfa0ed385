import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getSale } from '@/lib/sale/queries';
import { binScanCode } from '@/lib/labels/bin-code';
import { isUuid } from '@/lib/validation/id';
import { PickScanScreen } from './pick-scan-screen';

export const metadata: Metadata = { title: 'Pick by scanning' };

/** Sale → Pick → Pick by scanning: the floor screen, phone first. */
export default async function PickScanPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission(PERMISSION.sale);
  const { id } = await params;
  const sale = isUuid(id) ? await getSale(await getDb(), id) : null;
  if (!sale) notFound();
  const back = `/sale/sales/${sale.id}?tab=Pick`;
  if (sale.orderStatus !== 'Authorised' || sale.pickStatus === 'Authorised')
    return (
      <div className="mx-auto max-w-md">
        <h1 className="mb-3 text-xl font-semibold">Pick {sale.number}</h1>
        <p role="status" className="mb-4 rounded border border-slate-300 bg-slate-50 px-3 py-2">
          {sale.pickStatus === 'Authorised' ? `Pick of sale ${sale.number} is already authorised.` : `Sale ${sale.number} is ${sale.orderStatus}: authorise the order first.`}
        </p>
        <Link href={back}>« Back to the sale</Link>
      </div>
    );
  const lines = sale.picked.map((p) => ({ lineNo: p.lineNo, sku: p.sku, name: p.name, quantity: p.quantity, location: p.location, bin: p.bin, binId: p.binId, external: !!p.externalConnectionId }));
  const binsOnSale = [...new Map(lines.filter((l) => l.binId && !l.external).map((l) => [l.binId!, { id: l.binId!, name: l.bin!, scanCode: binScanCode({ id: l.binId! }) }])).values()];
  return <PickScanScreen sale={{ id: sale.id, number: sale.number }} lines={lines} bins={binsOnSale} back={back} />;
}
