import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { EmptyState, PagerNav, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { requireAdministrator } from '@/lib/auth/session';
import { formatUtcDateTimeSeconds } from '@/lib/format/date';
import { hrefWith, readSearchParams } from '@/lib/http/search-params';
import { decodeCursor } from '@/lib/paging';
import { isUuid } from '@/lib/validation/id';
import { DELIVERY_STATUS_LABEL, deliveryStatusLabel } from '@/lib/webhooks/events';
import { getWebhookEndpoint, listDeliveries, WEBHOOK_DELIVERY_STATUSES, type DeliveryStatus } from '@/lib/webhooks/endpoints';

export const metadata: Metadata = { title: 'Webhooks — delivery log' };

/** Settings → Webhooks → an endpoint's delivery log: every event sent to it, newest first. */
export default async function DeliveryLogPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdministrator();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const sp = readSearchParams(await searchParams);
  const status = (WEBHOOK_DELIVERY_STATUSES as readonly string[]).includes(sp.status ?? '') ? (sp.status as DeliveryStatus) : undefined;
  const after = decodeCursor(sp.after);
  const db = await getDb();
  const endpoint = await getWebhookEndpoint(db, id);
  if (!endpoint) notFound();
  const page = await listDeliveries(db, id, { status, after });
  const base = `/settings/webhooks/${id}`;
  return (
    <>
      <PageHeader title="Delivery log" crumbs={['Settings', 'Webhooks']} />
      <p className="mb-1 break-all text-slate-700">
        <span className="font-medium">{endpoint.url}</span> <StatusBadge status={endpoint.active ? 'Active' : 'Disabled'} />
      </p>
      <p className="mb-4">
        <Link href="/settings/webhooks">Back to Webhooks</Link>
      </p>
      <nav aria-label="Delivery status" className="mb-3 flex flex-wrap gap-3 text-sm">
        {[undefined, ...WEBHOOK_DELIVERY_STATUSES].map((s) => (
          <Link key={s ?? 'all'} href={hrefWith(base, { status: s })} aria-current={s === status ? 'page' : undefined} className={s === status ? 'font-semibold' : undefined}>
            {s ? DELIVERY_STATUS_LABEL[s] : 'All'}
          </Link>
        ))}
      </nav>
      {page.rows.length === 0 ? (
        <EmptyState title={status ? `No ${DELIVERY_STATUS_LABEL[status].toLowerCase()} deliveries` : 'No deliveries yet'}>
          {status ? 'Show all to see every delivery.' : 'Events this endpoint subscribes to are listed here once they happen; Send test event on the Webhooks page sends one now.'}
        </EmptyState>
      ) : (
        <Table
          caption="Deliveries"
          head={
            <>
              <Th>Time (UTC)</Th>
              <Th>Event</Th>
              <Th>Status</Th>
              <Th align="right">Response</Th>
              <Th align="right">Attempts</Th>
              <Th align="right">Took (ms)</Th>
              <Th>Details</Th>
            </>
          }
        >
          {page.rows.map((d) => (
            <tr key={d.id} data-testid={`delivery-${d.eventType}`}>
              <Td>{formatUtcDateTimeSeconds(d.deliveredAt ?? d.createdAt)}</Td>
              <Td>
                <code>{d.eventType}</code>
                <span className="block text-xs text-slate-600">{d.eventId}</span>
              </Td>
              <Td>
                <StatusBadge status={deliveryStatusLabel(d.status, d.attempts)} />
              </Td>
              <Td align="right">{d.lastStatusCode === null ? '—' : d.lastStatusCode === 0 ? 'No answer' : d.lastStatusCode}</Td>
              <Td align="right">{d.attempts}</Td>
              <Td align="right">{d.lastDurationMs ?? '—'}</Td>
              <Td className="max-w-xs text-sm">
                {d.lastError}
                {d.status === 'pending' && d.nextAttemptAt && <span className="block text-xs text-slate-600">Next attempt {formatUtcDateTimeSeconds(d.nextAttemptAt)}</span>}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <PagerNav label="Delivery pages" first={after ? hrefWith(base, { status }) : null} next={page.next ? hrefWith(base, { status, after: page.next }) : null} />
    </>
  );
}
