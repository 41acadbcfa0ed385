import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { SaleBanner, SaleLog, SaleTabs } from '@/components/sale/sale-parts';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { amazonOrderOfSale } from '@/lib/channel/order-list';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { formatUtcDate, formatUtcDateTime } from '@/lib/format/date';
import { readSearchParams, type RawSearchParams } from '@/lib/http/search-params';
import { formatPrice } from '@/lib/money';
import { invoiceDates } from '@/lib/sale/invoice';
import { saleDoneMessage } from '@/lib/sale/done-message';
import { getSale } from '@/lib/sale/queries';
import { reachableStages, type SaleStage } from '@/lib/sale/sale-status';
import { boxOfLine, defaultBoxes } from '@/lib/sale/pack';
import { listPlaces, placeValue } from '@/lib/stock/places';
import { isUuid } from '@/lib/validation/id';
import { FulfilmentPreview } from '@/components/fulfilment/fulfilment-preview';
import { CreditNotes } from '@/components/returns/credit-notes';
import { creditNotesOf } from '@/lib/returns/credit-notes';
import { InvoiceForm, OrderButtons, PackForm, PaymentForm, PickForm, ShipForm, UndoButton } from './stage-forms';

export const metadata: Metadata = { title: 'Sale' };

const STAGES: SaleStage[] = ['Order', 'Pick', 'Pack', 'Ship', 'Invoice'];

export default async function SalePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await requirePermission(PERMISSION.sale);
  const { id } = await params;
  const db = await getDb();
  if (!isUuid(id)) notFound();
  // Read side by side: the Amazon order and the credit notes need only the id.
  const [sale, fromAmazon, creditNotes, raw] = await Promise.all([getSale(db, id), amazonOrderOfSale(db, id), creditNotesOf(db, id), searchParams]);
  if (!sale) notFound();
  const sp = readSearchParams(raw);
  const done = saleDoneMessage(sp.done, { number: sale.number, fos: sale.fos.map((f) => ({ number: f.number, undone: Boolean(sale.shipments.find((s) => s.id === f.shipmentId)?.undoneAt) })) });
  const reachable = reachableStages(sale);
  const tab: SaleStage = STAGES.includes(sp.tab as SaleStage) && reachable[sp.tab as SaleStage] ? (sp.tab as SaleStage) : 'Order';
  const status: Record<SaleStage, string> = { Order: sale.orderStatus, Pick: sale.pickStatus, Pack: sale.packStatus, Ship: sale.shipStatus, Invoice: sale.invoiceStatus };
  return (
    <>
      <PageHeader title={`Sale ${sale.number}`} crumbs={['Sale', 'Sales']}>
        <StatusBadge status={sale.orderStatus} />
      </PageHeader>
      {fromAmazon && (
        <p className="mb-3 text-slate-700" data-testid="amazon-order">
          From Amazon order <span className="font-mono">{fromAmazon.amazonOrderId}</span> of{' '}
          <Link href={`/integration/amazon/${fromAmazon.storeId}/orders?q=${encodeURIComponent(fromAmazon.amazonOrderId)}`}>{fromAmazon.storeName}</Link>:{' '}
          {fromAmazon.fulfillmentChannel === 'AFN' ? 'fulfilled by Amazon' : 'merchant fulfilled'}, {fromAmazon.amazonStatus} at Amazon.
        </p>
      )}
      {done && (
        <p role="status" className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
          {done}
        </p>
      )}
      {/* An order voided by undoing Ship never reached Amazon: nothing to warn about. */}
      <SaleBanner saleNumber={sale.number} fos={sale.fos.filter((f) => !(f.status === 'Cancelled' && !f.sentAt && sale.shipments.find((s) => s.id === f.shipmentId)?.undoneAt))} />
      <SaleTabs base={`/sale/sales/${sale.id}`} current={tab} reachable={reachable} status={status as never} />
      <section aria-label={tab} className="rounded-b border border-t-0 border-slate-200 bg-white p-4 shadow-sm">
        {tab === 'Order' && <OrderTab sale={sale} />}
        {tab === 'Pick' && <PickTab sale={sale} places={(await listPlaces(db)).map((p) => ({ value: p.value, label: p.external ? `${p.label} (FBA)` : p.label }))} />}
        {tab === 'Pack' && <PackTab sale={sale} />}
        {tab === 'Ship' && <ShipTab sale={sale} />}
        {tab === 'Invoice' && <InvoiceTab sale={sale} />}
      </section>
      <CreditNotes notes={creditNotes} />
      <SaleLog log={sale.log} />
      <p className="mt-4">
        <Link href="/sale/sales">« All sales</Link>
      </p>
    </>
  );
}

type Sale = NonNullable<Awaited<ReturnType<typeof getSale>>>;

function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="mb-4 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd>{v ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

function OrderTab({ sale }: { sale: Sale }) {
  const address = [sale.shipToName, sale.shipToLine1, sale.shipToLine2, [sale.shipToCity, sale.shipToState, sale.shipToPostalCode].filter(Boolean).join(' '), sale.shipToCountry, sale.shipToPhone].filter(Boolean).join(', ');
  return (
    <>
      <div className="mb-3 flex justify-end">
        <OrderButtons saleId={sale.id} number={sale.number} status={sale.orderStatus} />
      </div>
      <Facts
        rows={[
          ['Customer', sale.customer],
          ['Price tier', sale.tierName],
          ['Ship to', address],
          ['Customer reference', sale.customerReference],
          ['Comment', sale.comment],
          ['Created', formatUtcDate(sale.createdAt)],
        ]}
      />
      <Table
        caption={`Lines of ${sale.number}`}
        head={
          <>
            <Th>#</Th>
            <Th>SKU</Th>
            <Th>Name</Th>
            <Th>Location</Th>
            <Th align="right">Quantity</Th>
            <Th align="right">Price</Th>
            <Th align="right">Total</Th>
          </>
        }
      >
        {sale.lines.map((l) => (
          <tr key={l.lineNo}>
            <Td>{l.lineNo}</Td>
            <Td className="font-medium">{l.sku}</Td>
            <Td>{l.name}</Td>
            <Td>
              {l.location}
              {l.external && <span className="ml-1 text-xs text-slate-500">(FBA)</span>}
            </Td>
            <Td align="right">{l.quantity}</Td>
            <Td align="right">{formatPrice(l.price)}</Td>
            <Td align="right">{formatPrice(l.quantity * l.price)}</Td>
          </tr>
        ))}
      </Table>
      <p className="mt-2 text-right tabular-nums">
        Total <span className="font-semibold">{formatPrice(sale.invoice.total)}</span>
      </p>
    </>
  );
}

const placeName = (p: { location: string; bin: string | null }) => (p.bin ? `${p.location} › ${p.bin}` : p.location);

function PickTab({ sale, places }: { sale: Sale; places: { value: string; label: string }[] }) {
  if (sale.pickStatus === 'Authorised')
    return (
      <>
        <div className="mb-3 flex justify-end">
          <UndoButton saleId={sale.id} stage="Pick" label={`pick of ${sale.number}`} />
        </div>
        <LinesTable caption="Picked lines" rows={sale.picked.map((p) => ({ lineNo: p.lineNo, sku: p.sku, name: p.name, where: placeName(p), external: !!p.externalConnectionId, quantity: p.quantity }))} />
      </>
    );
  return (
    <>
      {sale.orderStatus === 'Authorised' && sale.picked.some((p) => !p.externalConnectionId) && (
        <p className="mb-3">
          <Link href={`/sale/sales/${sale.id}/pick-scan`}>Pick by scanning</Link> <span className="text-slate-600">(on a phone or with a scanner, in the aisle)</span>
        </p>
      )}
      <PickForm
        saleId={sale.id}
        places={places}
        rows={sale.picked.map((p) => ({ lineNo: p.lineNo, sku: p.sku, name: p.name, quantity: p.quantity, place: placeValue(p), placeLabel: placeName(p), external: !!p.externalConnectionId }))}
      />
    </>
  );
}

function LinesTable({ caption, rows }: { caption: string; rows: { lineNo: number; sku: string; name: string; where: string; external: boolean; quantity: number; box?: number | null }[] }) {
  const boxes = rows.some((r) => r.box !== undefined);
  return (
    <Table
      caption={caption}
      head={
        <>
          <Th>#</Th>
          <Th>SKU</Th>
          <Th>Name</Th>
          <Th>From</Th>
          {boxes && <Th>Box</Th>}
          <Th align="right">Quantity</Th>
        </>
      }
    >
      {rows.map((r) => (
        <tr key={`${r.lineNo}:${r.box ?? ''}`}>
          <Td>{r.lineNo}</Td>
          <Td className="font-medium">{r.sku}</Td>
          <Td>{r.name}</Td>
          <Td>
            {r.where}
            {r.external && <span className="ml-1 text-xs text-slate-500">(FBA)</span>}
          </Td>
          {boxes && <Td>{r.box ?? '—'}</Td>}
          <Td align="right">{r.quantity}</Td>
        </tr>
      ))}
    </Table>
  );
}

function PackTab({ sale }: { sale: Sale }) {
  const boxOf = boxOfLine(sale.pack.lines);
  if (sale.packStatus === 'Authorised') {
    const picked = new Map(sale.picked.map((p) => [p.lineNo, p]));
    return (
      <>
        <div className="mb-3 flex items-center justify-between">
          <p>
            {sale.pack.boxes.length} box{sale.pack.boxes.length === 1 ? '' : 'es'}; FBA items are boxed apart from your own stock.
          </p>
          <UndoButton saleId={sale.id} stage="Pack" label={`pack of ${sale.number}`} />
        </div>
        <LinesTable
          caption="Packed lines"
          rows={sale.pack.lines.flatMap((l) => {
            const p = picked.get(l.pickLineNo);
            return p ? [{ lineNo: p.lineNo, sku: p.sku, name: p.name, where: placeName(p), external: !!p.externalConnectionId, quantity: l.quantity, box: l.boxNo }] : [];
          })}
        />
      </>
    );
  }
  const defaults = defaultBoxes(sale.picked);
  return (
    <>
      {sale.pickStatus === 'Authorised' && sale.picked.some((p) => !p.externalConnectionId) && (
        <p className="mb-3">
          <Link href={`/sale/sales/${sale.id}/pack-scan`}>Pack by scanning</Link> <span className="text-slate-600">(scan items into boxes, on a phone or with a scanner)</span>
        </p>
      )}
      <PackForm
        saleId={sale.id}
        rows={sale.picked.map((p) => ({ lineNo: p.lineNo, sku: p.sku, quantity: p.quantity, location: placeName(p), external: !!p.externalConnectionId, box: boxOf.get(p.lineNo) ?? defaults.get(p.lineNo)! }))}
      />
    </>
  );
}

function ShipTab({ sale }: { sale: Sale }) {
  const current = sale.shipments.find((s) => !s.undoneAt);
  const fos = sale.fos;
  const boxOf = boxOfLine(sale.pack.lines);
  const draft = new Map(sale.ship.map((l) => [l.pickLineNo, l.quantity]));
  const sentBefore = sale.shipments.some((s) => s.undoneAt) && sale.skipFulfilment;
  return (
    <>
      {sale.shipStatus === 'Authorised' ? (
        <>
          <div className="mb-3 flex justify-end">
            <UndoButton saleId={sale.id} stage="Ship" label={`ship of ${sale.number}`} />
          </div>
          <Facts
            rows={[
              ['Shipment', current ? `${current.seq}, authorised ${formatUtcDate(current.authorisedAt)}${current.shippedAt ? `; shipped ${formatUtcDateTime(current.shippedAt)} (reported)` : ''}` : '—'],
              ['Shipping option', sale.shippingOption],
              ['Carrier', sale.carrier],
              ['Tracking number', sale.trackingNumber],
              ['Skip fulfilment', sale.skipFulfilment ? 'Yes: no fulfilment order was sent' : 'No'],
            ]}
          />
          <LinesTable
            caption="Shipped lines"
            rows={sale.ship.map((l) => {
              const p = sale.picked.find((x) => x.lineNo === l.pickLineNo)!;
              return { lineNo: l.lineNo, sku: p.sku, name: p.name, where: placeName(p), external: !!p.externalConnectionId, quantity: l.quantity, box: l.boxNo };
            })}
          />
        </>
      ) : (
        <>
          {/* Before authorising: what Amazon would charge and when it would arrive, or why it cannot (beyond the seed). */}
          {sale.picked.some((p) => p.externalConnectionId) && (
            <div className="mb-4">
              <FulfilmentPreview saleId={sale.id} />
            </div>
          )}
          <ShipForm
            saleId={sale.id}
            rows={sale.picked.map((p) => ({ lineNo: p.lineNo, sku: p.sku, location: placeName(p), external: !!p.externalConnectionId, picked: p.quantity, box: boxOf.get(p.lineNo) ?? null, draft: draft.get(p.lineNo) ?? null }))}
            shippingOption={sale.shippingOption}
            carrier={sale.carrier}
            trackingNumber={sale.trackingNumber}
            skipFulfilment={sale.skipFulfilment}
            skipReason={sentBefore ? 'Ticked because Ship was undone after a fulfilment order of this sale was sent to Amazon: authorising again would send it twice. Untick only if that order was cancelled.' : null}
          />
        </>
      )}
      <h2 className="mt-6 mb-2 font-semibold text-slate-800">Fulfilment orders</h2>
      {fos.length === 0 ? (
        <p className="text-slate-600">None: fulfilment orders are created when Ship is authorised for lines from an FBA location (unless Skip fulfilment is ticked).</p>
      ) : (
        <Table
          caption="Fulfilment orders of this sale"
          head={
            <>
              <Th>Number</Th>
              <Th>Shipment</Th>
              <Th>Created</Th>
              <Th>Status</Th>
            </>
          }
        >
          {fos.map((f) => (
            <tr key={f.id}>
              <Td>
                <Link href={`/sale/fulfilment-orders/${f.id}`} className="font-medium text-indigo-700 hover:underline">
                  {f.number}
                </Link>
              </Td>
              <Td>{sale.shipments.find((s) => s.id === f.shipmentId)?.seq ?? '—'}</Td>
              <Td className="whitespace-nowrap">{formatUtcDate(f.createdAt)}</Td>
              <Td>
                <StatusBadge status={f.status} />
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

function InvoiceTab({ sale }: { sale: Sale }) {
  const { today, due } = invoiceDates();
  const total = sale.invoiceTotal ?? sale.invoice.total;
  const balance = total - sale.paidTotal;
  return (
    <>
      {sale.invoiceStatus === 'Authorised' ? (
        <div className="mb-3 flex items-center justify-between">
          <Facts
            rows={[
              ['Invoice', sale.invoiceNumber],
              ['Due', sale.invoiceDueAt ? formatUtcDate(sale.invoiceDueAt) : '—'],
            ]}
          />
          <UndoButton saleId={sale.id} stage="Invoice" label={`invoice of ${sale.number}`} />
        </div>
      ) : (
        <div className="mb-4">
          <InvoiceForm saleId={sale.id} defaultDue={due} />
        </div>
      )}
      <dl className="mb-4 grid max-w-xs grid-cols-[1fr_max-content] gap-x-6 gap-y-1 tabular-nums">
        <dt className="text-slate-500">Total</dt>
        <dd className="text-right">{formatPrice(total)}</dd>
        <dt className="text-slate-500">Paid</dt>
        <dd className="text-right">{formatPrice(sale.paidTotal)}</dd>
        <dt className="font-semibold">Balance owed</dt>
        <dd className="text-right font-semibold">{formatPrice(balance)}</dd>
      </dl>
      {sale.invoiceStatus === 'Authorised' && (
        <>
          <h2 className="mb-2 font-semibold text-slate-800">Payments</h2>
          {sale.payments.length === 0 ? (
            <p className="mb-3 text-slate-600">No payments yet: record one below when the customer pays.</p>
          ) : (
            <div className="mb-3">
              <Table
                caption="Payments"
                head={
                  <>
                    <Th>Date</Th>
                    <Th>Method</Th>
                    <Th>Reference</Th>
                    <Th align="right">Amount</Th>
                  </>
                }
              >
                {sale.payments.map((p) => (
                  <tr key={p.id}>
                    <Td className="whitespace-nowrap">{formatUtcDate(p.paidAt)}</Td>
                    <Td>{p.method ?? '—'}</Td>
                    <Td>{p.reference ?? '—'}</Td>
                    <Td align="right">{formatPrice(p.amount)}</Td>
                  </tr>
                ))}
              </Table>
            </div>
          )}
          <PaymentForm saleId={sale.id} today={today} balance={balance > 0 ? formatPrice(balance) : ''} />
        </>
      )}
    </>
  );
}
