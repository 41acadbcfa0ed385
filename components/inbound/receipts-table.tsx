import { Table, Td, Th } from '@/components/ui/table';
import type { ReceiptRow } from '@/lib/inbound/receipts';

/**
 * What Amazon received, per Amazon shipment and line: shipped, received, and the shortfall once
 * Amazon closed the shipment (the discrepancy; the FBA location holds only what was received).
 * The inbound shipment's page includes it.
 */
export function ReceiptsTable({ rows }: { rows: ReceiptRow[] }) {
  if (rows.length === 0) return <p className="text-slate-600">No Amazon shipments yet: receipts appear once the shipment is confirmed at Amazon.</p>;
  const short = rows.reduce((n, r) => n + (r.short ?? 0), 0);
  const shipped = rows.reduce((n, r) => n + r.shipped, 0);
  const received = rows.reduce((n, r) => n + r.received, 0);
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        {received} of {shipped} units received by Amazon.
      </p>
      {short > 0 && (
        <p role="note" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          Discrepancy: Amazon received {short} unit{short === 1 ? '' : 's'} fewer than were shipped. The FBA location holds only what Amazon received; claim the difference
          with Amazon if the units were sent.
        </p>
      )}
      <Table
        caption="What Amazon received, per shipment and line"
        head={
          <>
            <Th>Amazon shipment</Th>
            <Th>Amazon status</Th>
            <Th>SKU</Th>
            <Th>Name</Th>
            <Th align="right">Shipped</Th>
            <Th align="right">Received</Th>
            <Th align="right">Short</Th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={`${r.amazonShipmentId}:${r.lineNo}`}>
            <Td className="font-mono text-sm">
              {r.confirmationId ?? r.shipmentId}
              {r.warehouseId && <span className="ml-1 font-sans text-xs text-slate-500">→ {r.warehouseId}</span>}
            </Td>
            <Td>{r.amazonStatus ?? '—'}</Td>
            <Td className="font-medium">{r.sku}</Td>
            <Td>{r.name}</Td>
            <Td align="right">{r.shipped}</Td>
            <Td align="right">{r.received}</Td>
            <Td align="right">{r.short === null ? <span className="text-slate-500">not closed</span> : r.short > 0 ? <strong className="text-amber-800">{r.short}</strong> : 0}</Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
