import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { buttonClass } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import { EmptyState, Pager, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getConnection } from '@/lib/fba/connections';
import { formatUtcDate } from '@/lib/format/date';
import { readSearchParams } from '@/lib/http/search-params';
import { inboundFilterQuery, listInbound, readInboundListParams, type InboundListRow } from '@/lib/inbound/list';
import { getLatestInboundRun } from '@/lib/inbound/status-download';
import { formatMinor } from '@/lib/fba/amazon-money';
import { formatLabelOf } from '@/lib/labels/documents';
import { isUuid } from '@/lib/validation/id';
import { DeleteInboundButton } from './delete-button';
import { DownloadPanel } from './download-panel';

export const metadata: Metadata = { title: 'FBA Inbound Shipments' };

type SearchParams = Record<string, string | string[] | undefined>;

const LABEL_KIND: Record<string, string> = { box: 'Box labels', shipping: 'Shipping labels', fnsku: 'Product labels' };

/** Integration → Fulfilment by Amazon → [connection] → Inbound Shipments: the shipments made here, newest first. */
export default async function InboundShipmentsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await requirePermission(PERMISSION.fba);
  const [{ id }, raw] = await Promise.all([params, searchParams]);
  if (!isUuid(id)) notFound();
  const sp = readSearchParams(raw);
  const list = readInboundListParams(sp);
  const base = `/integration/fba/${id}/inbound`;
  const db = await getDb();
  const [conn, page, run] = await Promise.all([getConnection(db, id), listInbound(db, id, list), getLatestInboundRun(db, id)]);
  if (!conn) notFound();
  const keep = inboundFilterQuery(list);
  const filtered = !!(list.q || list.from || list.to || list.after);
  const active = conn.status === 'Active';

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">Inbound Shipments</h2>
        {active && (
          <Link href={`${base}/new`} className={`${buttonClass('primary')} no-underline`}>
            New inbound shipment
          </Link>
        )}
      </div>
      <DownloadPanel connectionId={id} initial={run} disabled={!active} />
      <form action={base} method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="inbound-from" className="mb-1 block font-medium text-slate-700">
            From
          </label>
          <input id="inbound-from" type="date" name="from" defaultValue={list.from} className="rounded border border-slate-300 bg-white px-2.5 py-1.5" />
        </div>
        <div>
          <label htmlFor="inbound-to" className="mb-1 block font-medium text-slate-700">
            To
          </label>
          <input id="inbound-to" type="date" name="to" defaultValue={list.to} className="rounded border border-slate-300 bg-white px-2.5 py-1.5" />
        </div>
        <div className="w-full sm:w-auto">
          <label htmlFor="inbound-search" className="mb-1 block font-medium text-slate-700">
            Search
          </label>
          <input id="inbound-search" name="q" defaultValue={list.q} placeholder="Transfer order #, from location or yyyy-mm-dd" className="w-full sm:w-80 rounded border border-slate-300 bg-white px-2.5 py-1.5" />
        </div>
        <button type="submit" className={buttonClass('secondary')}>
          Search
        </button>
        {filtered && (
          <Link href={base} className="pb-2">
            Show all inbound shipments
          </Link>
        )}
      </form>
      <p className="mb-2 text-sm text-slate-600">Dates are UTC.</p>

      {page.rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No inbound shipments match">
            Try part of a transfer order number or location name, a date as yyyy-mm-dd, or a wider date range. <Link href={base}>Show all inbound shipments</Link>
          </EmptyState>
        ) : (
          <EmptyState title="No inbound shipments yet: press New inbound shipment to send stock to Amazon">
            Each inbound shipment moves products from one of your locations to this connection&apos;s FBA location with a stock transfer, and lists Amazon&apos;s shipment ids, charges
            and labels here.
          </EmptyState>
        )
      ) : (
        <>
          <InboundTable rows={page.rows} connectionId={id} base={base} />
          <Pager base={base} current={{ after: list.after }} next={page.next} keep={keep} />
        </>
      )}
    </>
  );
}

function InboundTable({ rows, connectionId, base }: { rows: InboundListRow[]; connectionId: string; base: string }) {
  return (
    <Table
      caption="Inbound shipments"
      head={
        <>
          <Th>Transfer order #</Th>
          <Th>From location</Th>
          <Th>Date</Th>
          <Th>Status</Th>
          <Th>Amazon shipment id(s)</Th>
          <Th align="right">Estimated shipping charges</Th>
          <Th>Labels</Th>
          <Th>
            <span className="sr-only">Shipment</span>
          </Th>
          <Th>
            <span className="sr-only">Delete</span>
          </Th>
        </>
      }
    >
      {rows.map((r) => (
        <tr key={r.id} data-testid="inbound-row">
          <Td className="font-medium">
            <Link href={`/inventory/stock-transfer/${r.transferId}`}>{r.transferNumber}</Link>
          </Td>
          <Td>{r.fromLocation}</Td>
          <Td className="whitespace-nowrap tabular-nums">{formatUtcDate(r.createdAt)}</Td>
          <Td>
            <StatusBadge status={r.status} />
          </Td>
          <Td className="font-mono text-sm">{r.amazonIds.length > 0 ? r.amazonIds.join(', ') : '—'}</Td>
          <Td align="right">{r.estimatedCharges === null ? '—' : `${formatMinor(r.estimatedCharges, r.currency ?? 'USD')} ${r.currency ?? ''}`.trim()}</Td>
          <Td>
            {r.labels.length === 0 ? (
              '—'
            ) : (
              <ul className="space-y-0.5">
                {r.labels.map((l) => (
                  <li key={l.id}>
                    <a href={`/api/labels/${l.id}`}>{LABEL_KIND[l.kind] ?? l.kind}</a> <span className="text-xs text-slate-500">({formatLabelOf(l.kind, l.format)})</span>
                  </li>
                ))}
              </ul>
            )}
          </Td>
          <Td className="whitespace-nowrap">
            <Link href={`${base}/${r.id}`}>{r.status === 'Draft' ? 'Continue' : 'View'}</Link>
            <span className="sr-only"> {r.name}</span>
          </Td>
          <Td>
            <DeleteInboundButton connectionId={connectionId} inboundId={r.id} name={r.name} transferNumber={r.transferNumber} />
          </Td>
        </tr>
      ))}
    </Table>
  );
}
