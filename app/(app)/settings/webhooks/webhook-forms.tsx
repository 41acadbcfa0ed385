'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ActionForm, CheckboxGroup, Field, SubmitButton } from '@/components/ui/form';
import { ShownOnce } from '@/components/ui/shown-once';
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/events';
import { createWebhookAction, deleteWebhookAction, rotateWebhookSecretAction, sendTestEventAction, setWebhookActiveAction } from './actions';

/** The signing secret, shown once: nothing can show it again (Rotate secret makes a new one). */
function ShownSecret({ title, secret }: { title: string; secret: string }) {
  return (
    <ShownOnce message={`${title} Copy the signing secret now: it is shown only this once.`} label="Signing secret" secret={secret}>
      Check each delivery’s <code>Webhook-Signature</code> with it: <code>v1=</code> and the hex HMAC-SHA256 of <code>id.timestamp.body</code>.
    </ShownOnce>
  );
}

export function CreateWebhookForm() {
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  return (
    <>
      {created && <ShownSecret title={`Endpoint ${created.url} created.`} secret={created.secret} />}
      <ActionForm action={createWebhookAction} className="space-y-3" onSuccess={(d) => setCreated({ url: d.url, secret: d.secret })}>
        <Field name="url" label="URL" required hint="Where events are POSTed, e.g. https://3pl.example.com/hooks/inventory." />
        <Field name="description" label="Description" hint="Who listens there, e.g. “Northside 3PL”." />
        <CheckboxGroup name="events" legend="Events to send" options={WEBHOOK_EVENT_TYPES.map((t) => ({ value: t, label: WEBHOOK_EVENTS[t] }))} />
        <SubmitButton>Create endpoint</SubmitButton>
      </ActionForm>
    </>
  );
}

/**
 * Send test event: queues a ping, then refreshes the page every second until the row's latest
 * delivery is that ping with an outcome (the drain sends it within a few seconds).
 */
export function SendTestEvent({ id, url, lastId, lastSettled }: { id: string; url: string; lastId: string | null; lastSettled: boolean }) {
  const router = useRouter();
  const [sent, setSent] = useState<string | null>(null);
  const waiting = sent !== null && !(lastId === sent && lastSettled);
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [waiting, router]);
  return (
    <ActionForm action={sendTestEventAction} onSuccess={(d) => setSent(d.deliveryId)}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary">
        Send test event<span className="sr-only"> to {url}</span>
      </SubmitButton>
      {waiting && (
        <p role="status" className="mt-1 text-xs text-slate-700">
          Sending…
        </p>
      )}
    </ActionForm>
  );
}

export function EndpointActions({ id, url, active }: { id: string; url: string; active: boolean }) {
  const [rotated, setRotated] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <ActionForm action={setWebhookActiveAction} successMessage={(d) => `${d.url} ${d.active ? 'enabled' : 'disabled'}.`}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="active" value={active ? 'false' : 'true'} />
        <SubmitButton variant="secondary">
          {active ? 'Disable' : 'Enable'}
          <span className="sr-only"> {url}</span>
        </SubmitButton>
      </ActionForm>
      <details>
        <summary className="cursor-pointer">
          Rotate secret<span className="sr-only"> of {url}</span>
        </summary>
        {rotated && <ShownSecret title="New secret made: the old one no longer signs." secret={rotated} />}
        <ActionForm action={rotateWebhookSecretAction} className="mt-2 space-y-2" onSuccess={(d) => setRotated(d.secret)}>
          <input type="hidden" name="id" value={id} />
          <p className="text-sm text-slate-700">Deliveries from now on, retries too, are signed with a new secret; the receiver must be given it.</p>
          <SubmitButton variant="secondary">Make a new secret</SubmitButton>
        </ActionForm>
      </details>
      <details>
        <summary className="cursor-pointer text-red-700">
          Delete<span className="sr-only"> endpoint {url}</span>
        </summary>
        <ActionForm action={deleteWebhookAction} className="mt-2 space-y-2" successMessage={(d) => `Endpoint ${d.url} deleted.`}>
          <input type="hidden" name="id" value={id} />
          <p className="text-sm text-slate-700">The endpoint and its delivery log are removed; waiting deliveries are not sent.</p>
          <SubmitButton variant="danger">Delete endpoint</SubmitButton>
        </ActionForm>
      </details>
    </div>
  );
}
