import { Table, Td, Th } from '@/components/ui/table';
import { formatUtcDate } from '@/lib/format/date';
import { formatPrice } from '@/lib/money';
import type { CreditNoteView } from '@/lib/returns/credit-notes';

/**
 * The sale page's credit notes: units the customer sent back (an Amazon customer return, or a
 * fulfilment order's return), each line with Amazon's disposition and reason and whether the units
 * went back into stock. Nothing is shown for a sale without credit notes.
 */
export function CreditNotes({ notes }: { notes: CreditNoteView[] }) {
  if (notes.length === 0) return null;
  return (
    <section aria-labelledby="credit-notes" className="mt-6">
      <h2 id="credit-notes" className="mb-2 font-semibold text-slate-900">
        Credit notes
      </h2>
      <div className="space-y-4">
        {notes.map((n) => (
          <div key={n.id} data-testid="credit-note">
            <p className="mb-1 text-sm text-slate-700">
              <span className="font-medium text-slate-900">{n.number}</span> · {formatUtcDate(n.createdAt)} · {n.sourceLabel}
              {n.reference && (
                <>
                  {' '}
                  <span className="font-mono">{n.reference}</span>
                </>
              )}
            </p>
            <Table
              caption={`Credit note ${n.number}`}
              head={
                <>
                  <Th>SKU</Th>
                  <Th>Product</Th>
                  <Th align="right">Quantity</Th>
                  <Th>Disposition</Th>
                  <Th>Reason</Th>
                  <Th>Back in stock</Th>
                  <Th align="right">Amount</Th>
                </>
              }
            >
              {n.lines.map((l) => (
                <tr key={l.lineNo}>
                  <Td className="font-mono">{l.sku}</Td>
                  <Td>{l.name}</Td>
                  <Td align="right">{l.quantity}</Td>
                  <Td>{l.disposition}</Td>
                  <Td>{l.reason ?? <span className="text-slate-400">—</span>}</Td>
                  <Td>{l.restocked ? `Yes (${l.location})` : 'No'}</Td>
                  <Td align="right">{formatPrice(l.amount)}</Td>
                </tr>
              ))}
              <tr className="bg-slate-50 font-medium">
                <Td>Total</Td>
                <Td />
                <Td align="right">{n.lines.reduce((s, l) => s + l.quantity, 0)}</Td>
                <Td />
                <Td />
                <Td />
                <Td align="right">{formatPrice(n.total)}</Td>
              </tr>
            </Table>
          </div>
        ))}
      </div>
    </section>
  );
}
