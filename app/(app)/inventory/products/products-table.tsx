'use client';

import Link from '@/components/ui/link';
import { Table, Td } from '@/components/ui/table';
import type { ProductListRow } from '@/lib/catalog/products';
import { formatCost } from '@/lib/money';
import { LabelCount, LabelTick } from './product-labels-panel';

/**
 * The rows of the Products list (with a tick and a count per product in Print labels mode). A client
 * component so the page's React payload carries each product's values once rather than the table's
 * markup a second time beside its HTML (bench/render-ab.ts). The header comes rendered from the page.
 */
export function ProductsTable({ head, rows, labels }: { head: React.ReactNode; rows: ProductListRow[]; labels: boolean }) {
  return (
    <Table caption="Products" head={head}>
      {rows.map((p) => (
        <tr key={p.id}>
          {labels && (
            <Td>
              <LabelTick id={p.id} sku={p.sku} />
            </Td>
          )}
          <Td>
            <Link href={`/inventory/products/${p.id}`} className="font-medium">
              {p.sku}
            </Link>
          </Td>
          <Td>{p.name}</Td>
          <Td>
            {p.barcode && (
              <>
                {p.barcode} <span className="text-xs text-slate-500">{p.barcodeType}</span>
              </>
            )}
          </Td>
          <Td>{p.fnsku}</Td>
          <Td>{p.asin}</Td>
          <Td align="right">{p.unitCost == null ? '' : formatCost(p.unitCost)}</Td>
          <Td>{p.defaultLocation}</Td>
          <Td align="right">{p.onHand}</Td>
          {labels && (
            <Td align="right">
              <LabelCount id={p.id} sku={p.sku} />
            </Td>
          )}
        </tr>
      ))}
    </Table>
  );
}
