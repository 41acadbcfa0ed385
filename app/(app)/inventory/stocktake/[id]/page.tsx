import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { EmptyState, PagerNav, Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { PERMISSION } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { formatUtcDateTime } from '@/lib/format/date';
import { readSearchParams } from '@/lib/http/search-params';
import { formatCost } from '@/lib/money';
import { decodeCursor } from '@/lib/paging';
import { listBinsOf } from '@/lib/stock/places';
import { getLatestStocktakeSync } from '@/lib/stocktake/fba-sync';
import { countLinesNeedingCost, describeClosing, getStocktake, listStocktakeLines } from '@/lib/stocktake/queries';
import { isCounting, stocktakeStatus } from '@/lib/stocktake/stocktake-status';
import { isUuid } from '@/lib/validation/id';
import { FbaSyncButton, FbaSyncProvider, FbaSyncStatus } from '../fba-sync';
import { AddLineForm, CountsForm, VoidStocktakeForm } from '../stocktake-forms';

export const metadata: Metadata = { title: 'Stocktake' };

export default async function StocktakeDetailPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ after?: string; q?: string; done?: string; posted?: string; needsCost?: string }> }) {
  await requirePermission(PERMISSION.stocktake);
  const { id } = await params;
  const sp = readSearchParams(await searchParams);
  const db = await getDb();
  const doc = isUuid(id) ? await getStocktake(db, id) : null;
  if (!doc) notFound();
  const q = sp.q?.trim() || undefined;
  const after = decodeCursor(sp.after);
  const needsCost = sp.needsCost === '1' || undefined;
  // The table decides: counts (and Sync) while it can be completed, Void while it can be voided.
  const open = isCounting(doc.status);
  const voidable = stocktakeStatus.canMove(doc.status, 'Voided');
  const closing = describeClosing(doc);
  const syncable = open && doc.external;
  const [page, bins, syncRun, needCost] = await Promise.all([
    listStocktakeLines(db, id, { after, q, needsCost }),
    listBinsOf(db, doc.locationId),
    syncable ? getLatestStocktakeSync(db, id) : null,
    syncable ? countLinesNeedingCost(db, id) : 0,
  ]);
  const base = `/inventory/stocktake/${id}`;
  const link = (extra: Record<string, string | undefined>) => {
    const s = new URLSearchParams(Object.entries({ q, needsCost: needsCost && '1', ...extra }).filter((e): e is [string, string] => Boolean(e[1]))).toString();
    return s ? `${base}?${s}` : base;
  };
  const body = (
    <>
      <PageHeader title={`Stocktake ${doc.number} — ${doc.location}`} crumbs={['Inventory', 'Stocktake']}>
        <StatusBadge status={doc.status} />
        {open && (
          <Link href={`${base}/count`} className={`${buttonClass('primary')} no-underline`}>
            Count
          </Link>
        )}
        {syncable && <FbaSyncButton id={doc.id} />}
        {voidable && <VoidStocktakeForm id={doc.id} number={doc.number} />}
      </PageHeader>
      {syncable && <FbaSyncStatus needCostHref={`${base}?needsCost=1`} needCost={needCost} />}
      {open && doc.needsAttention && (
        <p role="alert" className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          Auto-Sync could not complete this stocktake: {doc.needsAttention}. Enter the highlighted unit costs, then Complete.{' '}
          <Link href={`${base}?needsCost=1`}>Show those lines</Link>
        </p>
      )}
      {sp.done === 'completed' && doc.status === 'Completed' && (
        <p role="status" className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
          Stocktake completed: {Number(sp.posted) || 0} stock change{Number(sp.posted) === 1 ? '' : 's'} posted. <Link href="/inventory/stock-on-hand">See stock on hand</Link>
        </p>
      )}
      {sp.done === 'voided' && doc.status === 'Voided' && (
        <p role="status" className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800">
          Stocktake {doc.number} voided; stock was not changed.
        </p>
      )}
      {/* Stated on every visit, not only after the button: a Complete whose confirmation was lost still shows here. */}
      {closing && <p className="mb-2 font-medium text-slate-800">{closing}</p>}
      <p className="mb-4 text-slate-600">
        {doc.counted} of {doc.lines} lines counted. Started {formatUtcDateTime(doc.startedAt)}.
        {doc.external && (doc.syncedAt ? ` Last synced with FBA ${formatUtcDateTime(doc.syncedAt)}.` : open ? ' Not synced with FBA yet: press Sync to import Amazon’s quantities.' : '')}
        {doc.autoSync && ' Made by Auto-Sync Stock with FBA.'}
      </p>
      {open && (
        <section aria-label="Add a product" className="mb-4 rounded border border-slate-200 bg-white p-4 shadow-sm">
          <AddLineForm id={doc.id} bins={bins} />
        </section>
      )}
      <form action={base} method="get" role="search" className="mb-3 flex flex-wrap items-end gap-2">
        <div className="w-full sm:w-auto">
          <label htmlFor="line-search" className="mb-1 block font-medium text-slate-700">
            Find lines
          </label>
          <input id="line-search" name="q" defaultValue={q} placeholder="SKU or name" className="w-full sm:w-64 rounded border border-slate-300 bg-white px-2.5 py-1.5" />
        </div>
        {open && (
          <label className="flex items-center gap-2 pb-1.5">
            <input type="checkbox" name="needsCost" value="1" defaultChecked={needsCost} className="h-4 w-4 rounded border-slate-300" />
            Only lines that need a unit cost
          </label>
        )}
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
          Find
        </button>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState title={q || after || needsCost ? 'No lines match' : 'No lines yet'}>
          {q || after || needsCost ? (
            <Link href={base}>Show all lines</Link>
          ) : syncable ? (
            'Nothing was in stock here when the stocktake started. Press Sync to import Amazon’s quantities, or add products by SKU above.'
          ) : open ? (
            'Nothing was in stock here when the stocktake started. Add the products you count by SKU above.'
          ) : (
            'This stocktake had no lines.'
          )}
        </EmptyState>
      ) : open ? (
        <CountsForm
          id={doc.id}
          hasBins={bins.length > 0}
          // Only what the form shows: each field crosses to the browser once per line (STOCKTAKE_LINES_PAGE a page).
          lines={page.rows.map((l) => ({ id: l.id, sku: l.sku, name: l.name, bin: l.bin, expected: l.expected, onHand: l.onHand, counted: l.counted, unitCost: l.unitCost === null ? null : formatCost(l.unitCost), needsCost: l.needsCost }))}
        />
      ) : (
        <Table
          caption="Stocktake lines"
          head={
            <>
              <Th>SKU</Th>
              <Th>Name</Th>
              {bins.length > 0 && <Th>Bin</Th>}
              <Th align="right">Expected</Th>
              <Th align="right">Counted</Th>
              <Th align="right">Unit cost</Th>
            </>
          }
        >
          {page.rows.map((l) => (
            <tr key={l.id}>
              <Td className="font-medium">{l.sku}</Td>
              <Td>{l.name}</Td>
              {bins.length > 0 && <Td>{l.bin ?? '—'}</Td>}
              <Td align="right">{l.expected}</Td>
              <Td align="right">{l.counted ?? 'not counted'}</Td>
              <Td align="right">{l.unitCost === null ? '—' : formatCost(l.unitCost)}</Td>
            </tr>
          ))}
        </Table>
      )}
      <PagerNav label="Pages of lines" first={after ? link({}) : null} next={page.next ? link({ after: page.next }) : null} firstText="« First lines" nextText="Next lines »" />
      <p className="mt-4">
        <Link href="/inventory/stocktake">« All stocktakes</Link>
      </p>
    </>
  );
  return syncable ? (
    <FbaSyncProvider id={doc.id} initial={syncRun}>
      {body}
    </FbaSyncProvider>
  ) : (
    body
  );
}
