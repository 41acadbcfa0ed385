'use client';

import Link from '@/components/ui/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, Td } from '@/components/ui/table';
import type { FoStatus } from '@/lib/fulfilment/fo-status';
import { formatUtcDateTime } from '@/lib/format/date';

/** What a row of the list shows, and nothing more: each field crosses to the browser once per order. */
export type FoTableRow = {
  id: string;
  number: string;
  createdAt: Date;
  saleNumber: string;
  customer: string;
  connection: string;
  items: string;
  tracking: string;
  status: FoStatus;
  amazonStatus: string | null;
};

/**
 * The rows of the Fulfilment Orders list. A client component so the page's React payload carries
 * each order's values once rather than the table's markup a second time beside its HTML, as the
 * Sales and Products lists do. The header comes rendered from the page.
 */
export function FoTable({ head, rows }: { head: React.ReactNode; rows: FoTableRow[] }) {
  return (
    <Table caption="Fulfilment orders" head={head}>
      {rows.map((r) => (
        <tr key={r.id}>
          <Td className="whitespace-nowrap">
            <Link href={`/sale/fulfilment-orders/${r.id}`} className="font-medium text-indigo-700 hover:underline">
              {r.number}
            </Link>
          </Td>
          <Td className="whitespace-nowrap">{formatUtcDateTime(r.createdAt).replace(' UTC', '')}</Td>
          <Td className="whitespace-nowrap">{r.saleNumber}</Td>
          <Td>{r.customer}</Td>
          <Td>{r.connection}</Td>
          <Td className="max-w-64">
            {r.items.split(', ').map((item, i) => (
              <span key={i} className="block whitespace-nowrap">
                {item}
              </span>
            ))}
          </Td>
          <Td className="max-w-64 break-words">{r.tracking || <span className="text-slate-400">—</span>}</Td>
          <Td>
            <StatusBadge status={r.status} />
            {r.amazonStatus && <span className="mt-0.5 block text-xs text-slate-500">Amazon: {r.amazonStatus}</span>}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
