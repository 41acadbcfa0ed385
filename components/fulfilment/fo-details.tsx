import { Table, Td, Th } from '@/components/ui/table';
import { formatUtcDateTime } from '@/lib/format/date';
import type { FoView } from '@/lib/fulfilment/fo-view';

const dash = <span className="text-slate-400">—</span>;

/** The date each stage was reached; stages never reached are left out except Created and Sent. */
export function FoStages({ order }: { order: FoView }) {
  const s = order.stages;
  const rows: [string, string | null][] = [
    ['Created', s.created],
    ['Sent to Amazon', s.sent],
    ['On Hold', s.onHold],
    ['Shipped', s.shipped],
    ['Completed', s.completed],
    ['Delivered', s.delivered],
    ['Cancelled', s.cancelled],
    ['Failed', s.failed],
  ];
  return (
    <section aria-labelledby="fo-stages" className="rounded border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="fo-stages" className="mb-2 font-semibold text-slate-900">
        Stages
      </h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        {rows
          .filter(([label, at]) => at || label === 'Created' || label === 'Sent to Amazon')
          .map(([label, at]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd>{formatUtcDateTime(at, 'not yet')}</dd>
            </div>
          ))}
        {order.estimatedArrivalAt && (
          <>
            <dt className="text-slate-500">Estimated arrival</dt>
            <dd>{formatUtcDateTime(order.estimatedArrivalAt)}</dd>
          </>
        )}
        {order.lastTrackedAt && (
          <>
            <dt className="text-slate-500">Last read from Amazon</dt>
            <dd>{formatUtcDateTime(order.lastTrackedAt)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function FoAddress({ order }: { order: FoView }) {
  const a = order.address;
  return (
    <address className="not-italic">
      {a.shipToName}
      <br />
      {a.shipToLine1}
      {a.shipToLine2 && (
        <>
          <br />
          {a.shipToLine2}
        </>
      )}
      <br />
      {[a.shipToCity, a.shipToState, a.shipToPostalCode].filter(Boolean).join(', ')}
      <br />
      {a.shipToCountry}
      {a.shipToPhone && (
        <>
          <br />
          {a.shipToPhone}
        </>
      )}
    </address>
  );
}

/** Items: what Amazon was asked to ship and what became of it, with the tracking numbers of each line's packages. */
export function FoItems({ order }: { order: FoView }) {
  return (
    <Table
      caption={`Items of ${order.number}`}
      head={
        <>
          <Th>#</Th>
          <Th>SKU</Th>
          <Th>Product</Th>
          <Th align="right">Quantity</Th>
          <Th align="right">Shipped</Th>
          <Th align="right">Cancelled</Th>
          <Th align="right">Unfulfillable</Th>
          <Th>Tracking numbers</Th>
        </>
      }
    >
      {order.items.map((i) => (
        <tr key={i.lineNo}>
          <Td>{i.lineNo}</Td>
          <Td className="font-medium">{i.sellerSku}</Td>
          <Td>{i.productName}</Td>
          <Td align="right">{i.quantity}</Td>
          <Td align="right">{i.shipped}</Td>
          <Td align="right">{i.cancelled}</Td>
          <Td align="right">{i.unfulfillable}</Td>
          <Td>{i.tracking || dash}</Td>
        </tr>
      ))}
    </Table>
  );
}

export function FoPackages({ order }: { order: FoView }) {
  if (order.packages.length === 0)
    return <p className="rounded border border-dashed border-slate-300 bg-white px-4 py-3 text-slate-600">No packages yet: Amazon reports them when the order ships, and the tracking run reads them twice a day (00:51 and 12:51 UTC), or now with Refresh status.</p>;
  return (
    <Table
      caption={`Packages of ${order.number}`}
      head={
        <>
          <Th>Package</Th>
          <Th>Carrier</Th>
          <Th>Tracking number</Th>
          <Th>Contents</Th>
          <Th>Shipped</Th>
          <Th>Estimated arrival</Th>
          <Th>Delivered</Th>
          <Th>Tracking status</Th>
        </>
      }
    >
      {order.packages.map((p) => (
        <tr key={p.packageNumber}>
          <Td>{p.packageNumber}</Td>
          <Td>{p.carrier ?? dash}</Td>
          <Td className="font-medium">{p.trackingNumber ?? dash}</Td>
          <Td>
            {p.contents.split(', ').map((c, i) => (
              <span key={i} className="block whitespace-nowrap">
                {c}
              </span>
            ))}
          </Td>
          <Td className="whitespace-nowrap">{formatUtcDateTime(p.shippedAt)}</Td>
          <Td className="whitespace-nowrap">{formatUtcDateTime(p.estimatedArrivalAt)}</Td>
          <Td className="whitespace-nowrap">{formatUtcDateTime(p.deliveredAt, 'not yet')}</Td>
          <Td>{p.trackingStatus ?? dash}</Td>
        </tr>
      ))}
    </Table>
  );
}

/** The fulfilment order log: every status change, send, refusal, edit and tracking number, oldest first. */
export function FoLog({ order }: { order: FoView }) {
  return (
    <Table
      caption={`Log of ${order.number}`}
      head={
        <>
          <Th>When (UTC)</Th>
          <Th>Who</Th>
          <Th>What</Th>
        </>
      }
    >
      {order.log.map((l) => (
        <tr key={l.id}>
          <Td className="whitespace-nowrap">{formatUtcDateTime(l.at).replace(' UTC', '')}</Td>
          <Td>{l.user ?? 'System'}</Td>
          <Td>{l.message}</Td>
        </tr>
      ))}
    </Table>
  );
}
