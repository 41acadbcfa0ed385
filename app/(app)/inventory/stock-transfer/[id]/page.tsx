import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { formatUtcDateTime } from '@/lib/format/date';
import { entryFor, readSearchParams, type RawSearchParams } from '@/lib/http/search-params';
import { getTransfer, inboundOfTransfer } from '@/lib/stock/transfers';
import { isUuid } from '@/lib/validation/id';
import { TransferMoves } from '../transfer-forms';

export const metadata: Metadata = { title: 'Stock transfer' };

const DONE: Record<string, string> = {
  'In Transit': 'shipped: the stock has left its location',
  Completed: 'received: the stock has arrived',
  Voided: 'voided: its stock movements were reversed',
};

export default async function TransferPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await requirePermission(PERMISSION.stockTransfer);
  const { id } = await params;
  const db = await getDb();
  if (!isUuid(id)) notFound();
  const [doc, inbound] = await Promise.all([getTransfer(db, id), inboundOfTransfer(db, id)]);
  if (!doc) notFound();
  // Lines received in parts (an inbound shipment, as Amazon counts) show Received, and Short once the transfer is completed.
  const partial = !!inbound || doc.lines.some((l) => l.received > 0 && l.received !== l.quantity);
  const shortOf = (l: { quantity: number; received: number }) => (doc.status === 'Completed' ? Math.max(0, l.quantity - l.received) : 0);
  const anyShort = doc.lines.some((l) => shortOf(l) > 0);
  const done = entryFor(DONE, readSearchParams(await searchParams).done);
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
      {inbound && (
        <p className="mb-3 rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sky-900">
          This transfer moves the goods of inbound shipment{' '}
          {inbound.deletedAt ? (
            <>{inbound.name} (deleted)</>
          ) : (
            <Link href={`/integration/fba/${inbound.connectionId}/inbound/${inbound.id}`}>{inbound.name}</Link>
          )}
          .{!inbound.deletedAt && ' It is received as Amazon reports what it received (Download on the Inbound Shipments tab), not with Receive; X on that tab voids it.'}
        </p>
      )}
      {anyShort && (
        <p role="note" className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          Received short: {doc.lines.reduce((n, l) => n + shortOf(l), 0)} of {doc.lines.reduce((n, l) => n + l.quantity, 0)} units never arrived (see the Short column).
        </p>
      )}
      <div className="mb-4">
        <TransferMoves id={doc.id} number={doc.number} status={doc.status} hide={inbound && !inbound.deletedAt ? ['Completed', 'Voided'] : []} />
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
            {partial && <Th align="right">Received</Th>}
            {anyShort && <Th align="right">Short</Th>}
          </>
        }
      >
        {doc.lines.map((l) => (
          <tr key={l.lineNo}>
            <Td>{l.lineNo}</Td>
            <Td className="font-medium">{l.sku}</Td>
            <Td>{l.name}</Td>
            <Td align="right">{l.quantity}</Td>
            {partial && <Td align="right">{l.received}</Td>}
            {anyShort && <Td align="right">{shortOf(l) > 0 ? <strong className="text-amber-800">{shortOf(l)}</strong> : 0}</Td>}
          </tr>
        ))}
      </Table>
      <p className="mt-4">
        <Link href="/inventory/stock-transfer">« All stock transfers</Link>
      </p>
    </>
  );
}
