import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { listBinsOf } from '@/lib/stock/places';
import { getStocktake } from '@/lib/stocktake/queries';
import { recentScans } from '@/lib/stocktake/scans';
import { isCounting } from '@/lib/stocktake/stocktake-status';
import { binScanCode } from '@/lib/labels/bin-code';
import { isUuid } from '@/lib/validation/id';
import { CountScreen } from './count-screen';

export const metadata: Metadata = { title: 'Count' };

/** Stocktake → Count: the floor screen, phone first. Choose or scan a bin, then scan items. */
export default async function StocktakeCountPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission(PERMISSION.stocktake);
  const { id } = await params;
  const db = await getDb();
  const doc = isUuid(id) ? await getStocktake(db, id) : null;
  if (!doc) notFound();
  const back = `/inventory/stocktake/${doc.id}`;
  if (!isCounting(doc.status))
    return (
      <div className="mx-auto max-w-md">
        <h1 className="mb-3 text-xl font-semibold">Count {doc.number}</h1>
        <p role="status" className="mb-4 rounded border border-slate-300 bg-slate-50 px-3 py-2">
          Stocktake {doc.number} is {doc.status}: nothing more can be counted.
        </p>
        <Link href={back}>« Back to the stocktake</Link>
      </div>
    );
  const [bins, recent] = await Promise.all([listBinsOf(db, doc.locationId), recentScans(db, doc.id, user.id, 15)]);
  return (
    <CountScreen
      stocktake={{ id: doc.id, number: doc.number, location: doc.location }}
      userId={user.id}
      bins={bins.map((b) => ({ ...b, scanCode: binScanCode(b) }))}
      back={back}
      recent={recent.map((r) => ({ scanId: r.scanId, code: r.code, quantity: r.quantity, sku: r.sku, name: r.name, bin: r.bin, counted: r.counted, undone: Boolean(r.undone) }))}
    />
  );
}
