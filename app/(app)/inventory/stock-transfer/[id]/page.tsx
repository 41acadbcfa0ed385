import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { formatUtcDateTime } from '@/lib/format/date';
import { getTransfer } from '@/lib/stock/transfers';
import { isUuid } from '@/lib/validation/id';
import { TransferMoves } from '../transfer-forms';

export const metadata: Metadata = { title: 'Stock transfer' };

const DONE: Record<string, string> = {
  'In Transit': 'shipped: the stock has left its location',
  Completed: 'received: the stock has arrived',
  Voided: 'voided: its stock movements were reversed',
};

export default async function TransferPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  await requirePermission(PERMISSION.stockTransfer);
  const { id } = await params;
  const doc = isUuid(id) ? await getTransfer(await getDb(), id) : null;
  if (!doc) notFound();
  const done = DONE[(await searchParams).done ?? ''];
  return (
    <>
      <PageHeader title={`Stock transfer ${doc.number}`} crumbs={['Inventory', 'Stock Transfer']}>
        <StatusBadge status={doc.status} />
      </PageHeader>
      {done && (
        <p role="status" className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
          Transfer {doc.number} {done}.
        </p>
      )}
      <div className="mb-4">
        <TransferMoves id={doc.id} number={doc.number} status={doc.status} />
      </div>
      <dl className="mb-4 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="text-slate-500">From</dt>
        <dd>{doc.from}</dd>
        <dt className="text-slate-500">To</dt>
        <dd>{doc.to}</dd>
        <dt className="text-slate-500">Created</dt>
        <dd>{formatUtcDateTime(doc.createdAt)}</dd>
        <dt className="text-slate-500">Shipped</dt>
        <dd>{formatUtcDateTime(doc.shippedAt)}</dd>
        <dt className="text-slate-500">Received</dt>
        <dd>{formatUtcDateTime(doc.receivedAt)}</dd>
        {doc.note && (
          <>
            <dt className="text-slate-500">Note</dt>
            <dd>{doc.note}</dd>
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
            <Th align="right">Quantity</Th>
          </>
        }
      >
        {doc.lines.map((l) => (
          <tr key={l.lineNo}>
            <Td>{l.lineNo}</Td>
            <Td className="font-medium">{l.sku}</Td>
            <Td>{l.name}</Td>
            <Td align="right">{l.quantity}</Td>
          </tr>
        ))}
      </Table>
      <p className="mt-4">
        <Link href="/inventory/stock-transfer">« All stock transfers</Link>
      </p>
    </>
  );
}
