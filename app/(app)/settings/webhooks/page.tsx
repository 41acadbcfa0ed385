import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { EmptyState, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { requireAdministrator } from '@/lib/auth/session';
import { formatUtcDateTime } from '@/lib/format/date';
import { deliveryStatusLabel, WEBHOOK_EVENTS, type WebhookEventType } from '@/lib/webhooks/events';
import { listWebhookEndpoints } from '@/lib/webhooks/endpoints';
import { CreateWebhookForm, EndpointActions, SendTestEvent } from './webhook-forms';
import { FormSection } from '@/components/ui/form-section';

export const metadata: Metadata = { title: 'Webhooks' };

const eventLabel = (t: string) => (t in WEBHOOK_EVENTS ? WEBHOOK_EVENTS[t as WebhookEventType].replace(/ \(.*\)$/, '') : t === 'ping' ? 'Test event' : t);

/** Settings → Webhooks: the URLs other systems listen on, the events each gets, and how the last delivery went. */
export default async function WebhooksPage() {
  await requireAdministrator();
  const endpoints = await listWebhookEndpoints(await getDb());
  return (
    <>
      <PageHeader title="Webhooks" crumbs={['Settings']} />
      <p className="mb-4 max-w-3xl text-slate-700">
        Another system (a 3PL, a shop) is told of changes here as they happen: each event is POSTed as JSON to its URL, signed with the endpoint’s secret, and tried again with growing waits
        until it answers 2xx (an answer 410 Gone disables the endpoint). See README → Webhooks for checking signatures.
      </p>
      {endpoints.length === 0 ? (
        <EmptyState title="No webhook endpoints yet">Create one below for each system that should hear of changes.</EmptyState>
      ) : (
        <Table
          caption="Webhook endpoints"
          head={
            <>
              <Th>URL</Th>
              <Th>Events</Th>
              <Th>Status</Th>
              <Th>Last delivery</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </>
          }
        >
          {endpoints.map((e) => (
            <tr key={e.id} data-testid={`webhook-${e.url}`}>
              <Td className="max-w-xs break-all">
                <Link href={`/settings/webhooks/${e.id}`}>{e.url}</Link>
                {e.description && <span className="block text-sm text-slate-600">{e.description}</span>}
              </Td>
              <Td className="max-w-xs text-sm">{e.events.map(eventLabel).join(', ')}</Td>
              <Td>
                <StatusBadge status={e.active ? 'Active' : 'Disabled'} />
                {e.disabledReason && <span className="block text-xs text-slate-600">{e.disabledReason}</span>}
              </Td>
              <Td className="text-sm">
                {e.last ? (
                  <>
                    <StatusBadge status={deliveryStatusLabel(e.last.status, e.last.attempts)} /> {eventLabel(e.last.eventType)}
                    {e.last.statusCode !== null && e.last.statusCode > 0 && <span> · {e.last.statusCode}</span>}
                    <span className="block text-xs text-slate-600">{formatUtcDateTime(e.last.at)}</span>
                  </>
                ) : (
                  'None yet'
                )}
                <Link className="mt-1 block" href={`/settings/webhooks/${e.id}`}>
                  Delivery log<span className="sr-only"> of {e.url}</span>
                </Link>
              </Td>
              <Td>
                <div className="space-y-2">
                  {e.active && <SendTestEvent id={e.id} url={e.url} lastId={e.last?.id ?? null} lastSettled={!!e.last && (e.last.status !== 'pending' || e.last.attempts > 0)} />}
                  <EndpointActions id={e.id} url={e.url} active={e.active} />
                </div>
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <FormSection id="new-webhook" title="New endpoint">
        <CreateWebhookForm />
      </FormSection>
    </>
  );
}
