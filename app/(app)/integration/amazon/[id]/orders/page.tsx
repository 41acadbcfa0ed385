import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { buttonClass } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import { EmptyState, Pager, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getLatestOrdersRun } from '@/lib/channel/order-download';
import { AMAZON_ORDER_STATE_LIST, countAmazonOrders, listAmazonOrders, readOrderListParams, type OrderListRow } from '@/lib/channel/order-list';
import { getStoreOrdersSetup } from '@/lib/channel/store-setup';
import { formatMinor } from '@/lib/fba/amazon-money';
import { formatUtcDate } from '@/lib/format/date';
import { hrefWith, readSearchParams } from '@/lib/http/search-params';
import { isUuid } from '@/lib/validation/id';
import { OrdersDownloadPanel } from './download-panel';

export const metadata: Metadata = { title: 'Amazon store orders' };

type SearchParams = Record<string, string | string[] | undefined>;

const CHANNEL = { AFN: 'Fulfilled by Amazon', MFN: 'Merchant fulfilled' } as const;

/** Integration → Amazon → [store] → Orders: every order downloaded from the store, newest first, and what became of it. */
export default async function AmazonStoreOrdersPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await requirePermission(PERMISSION.fba);
  const [{ id }, raw] = await Promise.all([params, searchParams]);
  if (!isUuid(id)) notFound();
  const list = readOrderListParams(readSearchParams(raw));
  const base = `/integration/amazon/${id}/orders`;
  const db = await getDb();
  const [store, page, counts, run] = await Promise.all([getStoreOrdersSetup(db, id), listAmazonOrders(db, id, list), countAmazonOrders(db, id), getLatestOrdersRun(db, id)]);
  if (!store) notFound();
  const ready = !!store.customerId && !!(store.afnLocationId || store.mfnLocationId);
  const keep = { state: list.state, channel: list.channel, q: list.q };
  const filtered = !!(list.state || list.channel || list.q || list.after);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);

  return (
    <>
      {!ready && (
        <p role="note" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          Choose where this store&apos;s orders are sold from in <Link href={`/integration/amazon/${id}/setup`}>Setup</Link> before downloading orders.
        </p>
      )}
      <OrdersDownloadPanel storeId={id} initial={run} ready={ready} every15={store.ordersEnabled} />
      <form action={base} method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="orders-state" className="mb-1 block font-medium text-slate-700">
            Status
          </label>
          <select id="orders-state" name="state" defaultValue={list.state ?? ''} className="rounded border border-slate-300 bg-white px-2.5 py-1.5">
            <option value="">All ({total})</option>
            {AMAZON_ORDER_STATE_LIST.map((s) => (
              <option key={s} value={s}>
                {s} ({counts[s]})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="orders-channel" className="mb-1 block font-medium text-slate-700">
            Fulfilment
          </label>
          <select id="orders-channel" name="channel" defaultValue={list.channel ?? ''} className="rounded border border-slate-300 bg-white px-2.5 py-1.5">
            <option value="">All</option>
            <option value="AFN">{CHANNEL.AFN} (AFN)</option>
            <option value="MFN">{CHANNEL.MFN} (MFN)</option>
          </select>
        </div>
        <div className="w-full sm:w-auto">
          <label htmlFor="orders-search" className="mb-1 block font-medium text-slate-700">
            Amazon order id
          </label>
          <input id="orders-search" name="q" defaultValue={list.q} placeholder="Starts with…" className="w-full sm:w-56 rounded border border-slate-300 bg-white px-2.5 py-1.5" />
        </div>
        <button type="submit" className={buttonClass('secondary')}>
          Search
        </button>
        {filtered && (
          <Link href={base} className="pb-2">
            Show all orders
          </Link>
        )}
      </form>
      {counts.Held > 0 && !list.state && (
        <p className="mb-3 text-sm text-amber-900">
          {counts.Held} order{counts.Held === 1 ? ' is' : 's are'} held: <Link href={hrefWith(base, { state: 'Held' })}>see why</Link>. Held orders are imported at the next download once
          fixed.
        </p>
      )}
      {page.rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No orders match">
            Try the start of an Amazon order id, or another status. <Link href={base}>Show all orders</Link>
          </EmptyState>
        ) : (
          <EmptyState title={ready ? 'No orders downloaded yet: press Download orders' : 'No orders yet: save the Setup, then press Download orders'}>
            Each order Amazon has for this store since the Setup&apos;s date becomes a sale here, once; orders whose SKU matches no product wait here until it does.
          </EmptyState>
        )
      ) : (
        <>
          <OrdersTable rows={page.rows} />
          <Pager base={base} current={{ after: list.after }} next={page.next} keep={keep} />
        </>
      )}
    </>
  );
}

function OrdersTable({ rows }: { rows: OrderListRow[] }) {
  return (
    <Table
      caption="Amazon orders"
      head={
        <>
          <Th>Amazon order id</Th>
          <Th>Purchased (UTC)</Th>
          <Th>Fulfilment</Th>
          <Th>Amazon status</Th>
          <Th>SKUs</Th>
          <Th align="right">Units</Th>
          <Th align="right">Total</Th>
          <Th>Status</Th>
          <Th>Sale</Th>
        </>
      }
    >
      {rows.map((r) => (
        <tr key={r.id} data-testid="amazon-order-row">
          <Td className="whitespace-nowrap font-mono text-sm">{r.amazonOrderId}</Td>
          <Td className="whitespace-nowrap tabular-nums">{formatUtcDate(r.purchaseDate)}</Td>
          <Td>
            <abbr title={CHANNEL[r.fulfillmentChannel]} className="no-underline">
              {r.fulfillmentChannel}
            </abbr>
            {r.location && <span className="block text-xs text-slate-500">{r.location}</span>}
          </Td>
          <Td>{r.amazonStatus}</Td>
          <Td className="font-mono text-sm">{r.skus.join(', ') || '—'}</Td>
          <Td align="right">{r.units}</Td>
          <Td align="right">{r.orderTotal === null ? '—' : `${formatMinor(r.orderTotal, r.currency ?? 'USD')} ${r.currency ?? ''}`.trim()}</Td>
          <Td>
            <StatusBadge status={r.state} />
            {r.state === 'Held' && r.heldReason && <span className="mt-1 block w-72 max-w-sm text-sm text-amber-900">{r.heldReason}</span>}
            {r.state === 'Skipped' && <span className="mt-1 block text-xs text-slate-500">Cancelled at Amazon before it was imported.</span>}
          </Td>
          <Td>{r.saleId ? <Link href={`/sale/sales/${r.saleId}`}>{r.saleNumber}</Link> : '—'}</Td>
        </tr>
      ))}
    </Table>
  );
}
