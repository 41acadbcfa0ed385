'use client';

import { useQuery } from '@tanstack/react-query';
import { StatusBadge, type BadgeStatus } from '@/components/ui/status-badge';
import { EmptyState, Table, Td, Th } from '@/components/ui/table';
import type { LabelDocumentJson, LabelKind } from '@/lib/labels/documents';

const KIND: Record<LabelKind, string> = { box: 'Box labels', shipping: 'Shipping labels (Amazon)', fnsku: 'Product labels', bin: 'Bin labels', product: 'Product labels' };
const STATUS: Record<LabelDocumentJson['status'], BadgeStatus> = { queued: 'Queued', running: 'In Progress', done: 'Completed', failed: 'Failed' };

const active = (d: LabelDocumentJson | undefined) => d?.status === 'queued' || d?.status === 'running';

async function fetchDocument(id: string): Promise<LabelDocumentJson> {
  const res = await fetch(`/api/labels/${id}/status`, { cache: 'no-store' });
  if (!res.ok) throw new Error(res.status === 403 ? 'You are not allowed to see these labels.' : 'The labels’ progress could not be read.');
  return ((await res.json()) as { document: LabelDocumentJson }).document;
}

function formatWhen(iso: string) {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** One document: its progress polled every second while the worker makes it, then its Download link. */
function DocumentRow({ initial }: { initial: LabelDocumentJson }) {
  const { data, error } = useQuery({
    queryKey: ['label-document', initial.id],
    queryFn: () => fetchDocument(initial.id),
    initialData: initial,
    refetchInterval: (q) => (active(q.state.data) ? 1000 : false),
  });
  const doc = data ?? initial;
  const percent = doc.total ? Math.min(100, Math.round((doc.done / doc.total) * 100)) : 0;
  const progressText = doc.status === 'queued' ? 'Waiting for the worker…' : doc.total ? `${doc.done.toLocaleString('en-US')} of ${doc.total.toLocaleString('en-US')} labels` : 'Making the PDF…';
  return (
    <tr data-testid="label-document">
      <Td>
        {KIND[doc.kind]}
        {doc.fileName && <span className="block text-xs text-slate-500">{doc.fileName}</span>}
      </Td>
      <Td>{doc.formatLabel}</Td>
      <Td className="min-w-56">
        {active(doc) ? (
          <div>
            <div className="mb-1 flex justify-between gap-2 text-sm text-slate-700">
              <StatusBadge status={STATUS[doc.status]} />
              <span>{progressText}</span>
            </div>
            <div role="progressbar" aria-label={`${KIND[doc.kind]} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={progressText} className="h-2 overflow-hidden rounded-full bg-slate-200">
              <div className="h-full bg-sky-600 transition-all" style={{ width: `${percent}%` }} />
            </div>
          </div>
        ) : (
          <StatusBadge status={STATUS[doc.status]} />
        )}
        {doc.status === 'failed' && doc.error && <p className="mt-1 text-sm text-red-700">{doc.error}</p>}
        {error && <p className="mt-1 text-sm text-red-700">{error.message}</p>}
      </Td>
      <Td>
        {doc.status === 'done' ? (
          <a href={`/api/labels/${doc.id}`} download={doc.fileName ?? undefined} className="font-medium">
            Download<span className="sr-only"> {doc.fileName}</span>
          </a>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </Td>
      <Td>{formatWhen(doc.createdAt)}</Td>
    </tr>
  );
}

/**
 * Label PDFs of an inbound shipment or a connection's product labels: kind, format, status (a
 * progress bar while the worker makes one), the Download link, when requested.
 */
export function LabelDocuments({ documents, caption, empty }: { documents: LabelDocumentJson[]; caption: string; empty: React.ReactNode }) {
  if (documents.length === 0) return <EmptyState title="No labels yet">{empty}</EmptyState>;
  return (
    <Table
      caption={caption}
      head={
        <>
          <Th>Labels</Th>
          <Th>Format</Th>
          <Th>Status</Th>
          <Th>File</Th>
          <Th>Requested</Th>
        </>
      }
    >
      {documents.map((d) => (
        <DocumentRow key={d.id} initial={d} />
      ))}
    </Table>
  );
}
