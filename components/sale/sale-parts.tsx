import Link from '@/components/ui/link';
import { StatusBadge, type BadgeStatus } from '@/components/ui/status-badge';
import { Table, Td, Th } from '@/components/ui/table';
import { formatUtcDateTime } from '@/lib/format/date';
import type { FoStatus } from '@/lib/fulfilment/fo-status';
import type { SaleStage } from '@/lib/sale/sale-status';

const STAGES: SaleStage[] = ['Order', 'Pick', 'Pack', 'Ship', 'Invoice'];

/** The stage tabs of a sale, each with its status; a stage not reachable yet is shown but cannot be opened. */
export function SaleTabs({ base, current, reachable, status }: { base: string; current: SaleStage; reachable: Record<SaleStage, boolean>; status: Record<SaleStage, BadgeStatus> }) {
  return (
    <nav aria-label="Stages" className="flex flex-wrap gap-1 border-b border-slate-200">
      {STAGES.map((s) => {
        const inner = (
          <>
            <span className="font-medium">{s}</span> <StatusBadge status={status[s]} />
          </>
        );
        if (s === current)
          return (
            <span key={s} aria-current="page" className="-mb-px rounded-t border border-b-white border-slate-200 bg-white px-3 py-2">
              {inner}
            </span>
          );
        if (!reachable[s])
          return (
            <span key={s} aria-disabled="true" title={`${s} opens when the stage before it is authorised`} className="px-3 py-2 text-slate-400 opacity-70">
              {inner}
            </span>
          );
        return (
          <Link key={s} href={`${base}?tab=${s}`} className="rounded-t px-3 py-2 text-slate-700 hover:bg-slate-100">
            {inner}
          </Link>
        );
      })}
    </nav>
  );
}

/**
 * What happened to a fulfilment order Amazon cancelled or refused, and what to do: stock never
 * moves by itself because of an order's status.
 */
export function SaleBanner({ saleNumber, fos }: { saleNumber: string; fos: { id: string; number: string; status: FoStatus; lastError: string | null }[] }) {
  const bad = fos.filter((f) => f.status === 'Failed' || f.status === 'Cancelled');
  if (bad.length === 0) return null;
  return (
    <div role="alert" className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
      {bad.map((f) => (
        <p key={f.id}>
          Fulfilment order <Link href={`/sale/fulfilment-orders/${f.id}`} className="font-medium underline">{f.number}</Link> is {f.status}.{f.lastError ? ` ${f.lastError}${/[.!?]$/.test(f.lastError) ? '' : '.'}` : null}{' '}
          {f.status === 'Failed'
            ? 'Open it, correct it (Edit) and Process it again, or Void it and undo Ship and Pick on this sale to return the stock.'
            : `Nothing was shipped by Amazon for it. If ${saleNumber} will not ship another way, undo Ship and Pick to return the stock; otherwise authorise Ship again.`}
        </p>
      ))}
    </div>
  );
}

export function SaleLog({ log }: { log: { id: number; stage: string; message: string; createdAt: Date; user: string | null }[] }) {
  return (
    <section aria-label="Sale log" className="mt-6">
      <h2 className="mb-2 font-semibold text-slate-800">Sale log</h2>
      <Table
        caption="Sale log"
        head={
          <>
            <Th>When (UTC)</Th>
            <Th>Stage</Th>
            <Th>Who</Th>
            <Th>What</Th>
          </>
        }
      >
        {log.map((l) => (
          <tr key={l.id}>
            <Td className="whitespace-nowrap">{formatUtcDateTime(l.createdAt)}</Td>
            <Td>{l.stage}</Td>
            <Td>{l.user ?? 'System'}</Td>
            <Td>{l.message}</Td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
