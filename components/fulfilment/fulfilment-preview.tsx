'use client';

import { useQuery } from '@tanstack/react-query';
import { formatUtcDateTime } from '@/lib/format/date';
import type { LocationPreview } from '@/lib/fulfilment/preview';
import { ScriptButton } from '@/components/ui/script-controls';

/** The browser stops waiting a little after the server's own per-location timeout. */
const CLIENT_TIMEOUT_MS = 20_000;

async function fetchPreview(saleId: string): Promise<LocationPreview[]> {
  let res: Response;
  try {
    res = await fetch(`/api/sales/${saleId}/fulfilment-preview`, { cache: 'no-store', signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
  } catch {
    throw new Error('Amazon’s preview did not arrive in time. Try again shortly.');
  }
  const body = (await res.json().catch(() => ({}))) as { locations?: LocationPreview[]; error?: string };
  if (!res.ok || !body.locations) throw new Error(body.error ?? 'Amazon’s preview could not be read.');
  return body.locations;
}

const range = (a: string | null, b: string | null) => (a && b && a !== b ? `${formatUtcDateTime(a)} – ${formatUtcDateTime(b)}` : formatUtcDateTime(a ?? b));

function Outcome({ p }: { p: LocationPreview }) {
  const o = p.outcome;
  if (o.kind === 'error')
    return (
      <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
        {o.message}
      </p>
    );
  if (o.kind === 'unfulfillable')
    return (
      <div role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
        <p className="font-medium">Amazon cannot fulfil this order as it stands.</p>
        {o.reasons.length > 0 && <p>{o.reasons.join('; ')}.</p>}
        {o.items.length > 0 && (
          <ul className="mt-1 list-disc pl-5">
            {o.items.map((i) => (
              <li key={i.sellerSku}>
                {i.sellerSku} × {i.quantity}: {i.reasons.join('; ')}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
      <dt className="text-slate-500">Estimated fees</dt>
      <dd>
        {o.totalFee ? (
          <>
            <span className="font-semibold tabular-nums">
              {o.totalFee.amount} {o.totalFee.currency}
            </span>
            {o.fees.length > 1 && (
              <span className="ml-2 text-sm text-slate-600">
                ({o.fees.map((f) => `${f.name} ${f.amount}`).join(', ')})
              </span>
            )}
          </>
        ) : (
          'none given'
        )}
      </dd>
      <dt className="text-slate-500">Ships</dt>
      <dd>{range(o.earliestShipDate, o.latestShipDate)}</dd>
      <dt className="text-slate-500">Arrives</dt>
      <dd>{range(o.earliestArrivalDate, o.latestArrivalDate)}</dd>
    </dl>
  );
}

/**
 * Amazon's preview (getFulfillmentPreview) of a sale's lines at each FBA location, before Ship is
 * authorised: estimated fees and ship/arrival dates for the sale's shipping option, or Amazon's
 * reason it cannot fulfil. Read once when shown, again on "Ask again".
 */
export function FulfilmentPreview({ saleId }: { saleId: string }) {
  const { data, error, isPending, isFetching, refetch } = useQuery({ queryKey: ['fulfilment-preview', saleId], queryFn: () => fetchPreview(saleId), retry: false, staleTime: 60_000 });
  return (
    <section aria-labelledby={`preview-${saleId}`} aria-busy={isFetching} className="rounded border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-2 flex items-center justify-between gap-3">
        <h3 id={`preview-${saleId}`} className="font-semibold text-slate-900">
          Amazon’s preview
        </h3>
        <ScriptButton onClick={() => void refetch()} disabled={isFetching} className="rounded border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
          {isFetching ? 'Asking Amazon…' : 'Ask again'}
        </ScriptButton>
      </div>
      {isPending ? (
        <p role="status" className="flex items-center gap-2 text-slate-600">
          <span aria-hidden className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-indigo-600 border-t-transparent" />
          Asking Amazon for fees and delivery dates…
        </p>
      ) : error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {error.message}
        </p>
      ) : data.length === 0 ? (
        <p className="text-slate-600">No line of this sale is picked from an FBA location, so Amazon is not asked.</p>
      ) : (
        <ul className="space-y-4">
          {data.map((p) => (
            <li key={p.locationId}>
              <p className="mb-1 text-sm text-slate-700">
                <span className="font-medium">{p.location}</span> ({p.connection}), {p.shippingSpeed}:{' '}
                {p.lines.map((l) => `${l.sellerSku ?? l.productSku} × ${l.quantity}`).join(', ')}
              </p>
              <Outcome p={p} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
