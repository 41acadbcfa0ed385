import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { readSearchParams, type RawSearchParams } from '@/lib/http/search-params';
import { formatUtcDateTime } from '@/lib/format/date';
import { formatCost } from '@/lib/money';
import { adjustmentStatus } from '@/lib/stock/adjustment-status';
import { getAdjustment } from '@/lib/stock/adjustments';
import { isUuid } from '@/lib/validation/id';
import { VoidAdjustmentForm } from '../void-adjustment-form';

export const metadata: Metadata = { title: 'Stock adjustment' };

export default async function AdjustmentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await requirePermission(PERMISSION.stockAdjustment);
  const { id } = await params;
  const doc = isUuid(id) ? await getAdjustment(await getDb(), id) : null;
  if (!doc) notFound();
  const { created, voided } = readSearchParams(await searchParams);
  return (
    <>
      <PageHeader title={`Stock adjustment ${doc.number}`} crumbs={['Inventory', 'Stock Adjustments']}>
        <StatusBadge status={doc.status} />
        {adjustmentStatus.canMove(doc.status, 'Voided') && <VoidAdjustmentForm id={doc.id} number={doc.number} />}
      </PageHeader>
      {created && doc.status === 'Completed' && (
        <p role="status" className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
          Adjustment {doc.number} posted. <Link href="/inventory/stock-adjustments/new">Post another</Link>
        </p>
      )}
      {voided && doc.status === 'Voided' && (
        <p role="status" className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
          Adjustment {doc.number} voided: its stock movements were reversed.
        </p>
      )}
      <dl className="mb-4 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="text-slate-500">Reason</dt>
        <dd>{doc.reason}</dd>
        <dt className="text-slate-500">Date</dt>
        <dd>{formatUtcDateTime(doc.createdAt)}</dd>
        {doc.voidedAt && (
          <>
            <dt className="text-slate-500">Voided</dt>
            <dd>{formatUtcDateTime(doc.voidedAt)}</dd>
          </>
        )}
      </dl>
      <Table
        caption={`Lines of ${doc.number}`}
        head={
          <>
            <Th>#</Th>
            <Th>SKU</Th>
            <Th>Name</Th>
            <Th>Location</Th>
            <Th>Bin</Th>
            <Th align="right">Quantity</Th>
            <Th align="right">Unit cost</Th>
          </>
        }
      >
        {doc.lines.map((l) => (
          <tr key={l.lineNo}>
            <Td>{l.lineNo}</Td>
            <Td className="font-medium">{l.sku}</Td>
            <Td>{l.name}</Td>
            <Td>{l.location}</Td>
            <Td>{l.bin ?? '—'}</Td>
            <Td align="right">{l.quantity > 0 ? `+${l.quantity}` : l.quantity}</Td>
            <Td align="right">{l.unitCost === null ? 'average' : formatCost(l.unitCost)}</Td>
          </tr>
        ))}
      </Table>
      <p className="mt-4">
        <Link href="/inventory/stock-adjustments">« All stock adjustments</Link>
      </p>
    </>
  );
}
