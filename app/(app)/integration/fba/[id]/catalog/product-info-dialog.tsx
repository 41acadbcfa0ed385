'use client';

import Link from '@/components/ui/link';
import { RouteDialog } from '@/components/ui/route-dialog';
import { ActionForm, Field, SubmitButton } from '@/components/ui/form';
import type { ListingDetail } from '@/lib/fba/listings';
import { mapListingAction } from './actions';

const MAPPED_BY: Record<string, string> = { sku: 'automatically, by SKU', barcode: 'automatically, by FNSKU or ASIN', manual: 'by hand' };

/**
 * The Product Info window: a modal <dialog> (focus moves into it and is trapped there; Escape and
 * Close close it). Closing drops ?listing= from the URL and puts focus back on the row's link.
 */
export function ProductInfoDialog({ listing, connectionId, closeHref, lastSyncedText }: { listing: ListingDetail; connectionId: string; closeHref: string; lastSyncedText: string }) {
  const onClosed = () => document.querySelector<HTMLElement>(`[data-listing-link="${listing.id}"]`)?.focus();
  const quantities: [string, number][] = [
    ['Fulfillable', listing.fulfillable],
    ['Inbound: working', listing.inboundWorking],
    ['Inbound: shipped', listing.inboundShipped],
    ['Inbound: receiving', listing.inboundReceiving],
    ['Reserved', listing.reserved],
    ['Unsellable', listing.unsellable],
  ];
  return (
    <RouteDialog title={`Product Info: ${listing.sellerSku}`} description={listing.productName ?? 'No name from Amazon'} closeHref={closeHref} width="max-w-2xl" onClosed={onClosed}>
      {() => (
        <>
      <div className="grid gap-5 px-5 py-4 sm:grid-cols-2">
        <section aria-labelledby="pi-quantities">
          <h3 id="pi-quantities" className="mb-2 font-semibold">
            Quantity at Amazon
          </h3>
          <table className="w-full text-sm">
            <caption className="sr-only">Quantity by disposition</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left">
                <th scope="col" className="py-1 font-medium text-slate-600">
                  Disposition
                </th>
                <th scope="col" className="py-1 text-right font-medium text-slate-600">
                  Units
                </th>
              </tr>
            </thead>
            <tbody>
              {quantities.map(([label, n]) => (
                <tr key={label} className="border-b border-slate-100">
                  <th scope="row" className="py-1 text-left font-normal">
                    {label}
                  </th>
                  <td className="py-1 text-right tabular-nums">{n}</td>
                </tr>
              ))}
              <tr>
                <th scope="row" className="py-1 text-left font-semibold">
                  Total
                </th>
                <td className="py-1 text-right font-semibold tabular-nums">{listing.total}</td>
              </tr>
            </tbody>
          </table>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-600">FNSKU</dt>
            <dd className="font-mono text-xs leading-5">{listing.fnsku ?? '—'}</dd>
            <dt className="text-slate-600">ASIN</dt>
            <dd className="font-mono text-xs leading-5">{listing.asin ?? '—'}</dd>
            <dt className="text-slate-600">Condition</dt>
            <dd>{listing.condition ?? '—'}</dd>
            <dt className="text-slate-600">Last synced</dt>
            <dd>{lastSyncedText}</dd>
          </dl>
        </section>
        <section aria-labelledby="pi-mapping">
          <h3 id="pi-mapping" className="mb-2 font-semibold">
            Product mapping
          </h3>
          <p className="mb-3 text-sm" data-testid="current-mapping">
            {listing.productId ? (
              <>
                Mapped to{' '}
                <Link href={`/inventory/products/${listing.productId}`} className="font-medium">
                  {listing.productSku}
                </Link>{' '}
                ({listing.productTitle}), {MAPPED_BY[listing.mappedBy ?? 'manual']}.
              </>
            ) : (
              <>
                <span className="mr-1 inline-block rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800">Unmapped</span>
                {listing.mappedBy === 'manual' ? 'Left unmapped by hand.' : 'No product matched this listing’s SKU, FNSKU or ASIN.'}
              </>
            )}
          </p>
          <ActionForm
            action={mapListingAction}
            className="space-y-3"
            successMessage={(d) => (d.productSku ? `${d.sellerSku} is now mapped to ${d.productSku}.` : `${d.sellerSku} is now unmapped.`)}
          >
            <input type="hidden" name="connectionId" value={connectionId} />
            <input type="hidden" name="listingId" value={listing.id} />
            <Field name="sku" label="Product SKU" defaultValue={listing.productSku} hint="The product in this system that this Amazon listing is. Changing it never moves stock." />
            <div className="flex flex-wrap gap-2">
              <SubmitButton name="intent" value="save">
                Save mapping
              </SubmitButton>
              {listing.productId && (
                <SubmitButton name="intent" value="clear" variant="secondary">
                  Clear mapping
                </SubmitButton>
              )}
            </div>
          </ActionForm>
        </section>
      </div>
        </>
      )}
    </RouteDialog>
  );
}
