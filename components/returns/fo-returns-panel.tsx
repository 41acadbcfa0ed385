'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useFormStatus } from 'react-dom';
import { buttonClass } from '@/components/ui/button';
import { ActionForm, Field } from '@/components/ui/form';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, Td, Th } from '@/components/ui/table';
import type { ActionState } from '@/lib/action';
import { formatUtcDateTime } from '@/lib/format/date';
import { RETURN_COMMENT_MAX } from '@/lib/returns/fo-return-inputs';
import type { FoReturnsView, FoReturnView } from '@/lib/returns/fo-returns';
import { ScriptButton } from '@/components/ui/script-controls';

type RequestAction = (prev: ActionState<{ id: string; items: number }>, form: FormData) => Promise<ActionState<{ id: string; items: number }>>;
type Reason = { code: string; description: string };

const dash = <span className="text-slate-400">—</span>;

/** Units of one line that share everything the table shows are one row, with their count. */
function grouped(returns: FoReturnView[]) {
  const rows = new Map<string, { first: FoReturnView; quantity: number; ids: string[] }>();
  for (const r of returns) {
    const key = JSON.stringify([r.lineNo, r.reasonCode, r.comment, r.status, r.amazonRmaId, r.condition, r.error, r.creditNote]);
    const row = rows.get(key);
    if (row) {
      row.quantity += 1;
      row.ids.push(r.sellerReturnItemId);
    } else rows.set(key, { first: r, quantity: 1, ids: [r.sellerReturnItemId] });
  }
  return [...rows.values()];
}

async function fetchReasons(url: string): Promise<Reason[]> {
  const res = await fetch(url, { cache: 'no-store' });
  const body = (await res.json().catch(() => ({}))) as { reasons?: Reason[]; error?: string };
  if (!res.ok) throw new Error(body.error ?? 'Amazon’s return reasons could not be read.');
  return body.reasons ?? [];
}

function Submit({ disabled }: { disabled: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={disabled || pending} aria-busy={pending} className={buttonClass('primary')}>
      {pending ? 'Working…' : 'Send return request'}
    </button>
  );
}

/**
 * The order page's returns: what was asked back from Amazon and how far each unit got (Requested,
 * Authorised with Amazon's RMA, Received in the condition Amazon found it, with the credit note;
 * or Refused in Amazon's words), and, while shipped units remain, "Request return".
 */
export function FoReturnsPanel({
  orderId,
  data,
  reasonsUrl,
  requestAction,
  onRequested,
}: {
  orderId: string;
  data: FoReturnsView;
  reasonsUrl: string;
  requestAction: RequestAction;
  onRequested: () => void;
}) {
  const [open, setOpen] = useState(false);
  const returnable = data.lines.filter((l) => l.returnable > 0);
  const shipped = data.lines.some((l) => l.shipped > 0);
  if (!shipped && data.returns.length === 0) return null;
  return (
    <section aria-labelledby="fo-returns" className="mb-6">
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h2 id="fo-returns" className="font-semibold text-slate-900">
          Returns
        </h2>
        {returnable.length > 0 && !open && (
          <ScriptButton onClick={() => setOpen(true)} className={buttonClass('secondary')}>
            Request return
          </ScriptButton>
        )}
      </div>
      {open && returnable.length > 0 && (
        <RequestForm
          orderId={orderId}
          lines={returnable}
          reasonsUrl={reasonsUrl}
          action={requestAction}
          onDone={() => {
            setOpen(false);
            onRequested();
          }}
          onCancel={() => setOpen(false)}
        />
      )}
      {data.returns.length === 0 ? (
        <p className="text-sm text-slate-600">No return requested. Shipped units can be asked back from Amazon with Request return.</p>
      ) : (
        <Table
          caption="Returns"
          head={
            <>
              <Th>Product</Th>
              <Th align="right">Quantity</Th>
              <Th>Reason</Th>
              <Th>Status</Th>
              <Th>RMA</Th>
              <Th>Condition</Th>
              <Th>Credit note</Th>
            </>
          }
        >
          {grouped(data.returns).map(({ first: r, quantity, ids }) => (
            <tr key={ids[0]} data-testid="fo-return">
              <Td>
                <span className="font-mono">{r.sku}</span> {r.name}
                <span className="block text-xs text-slate-500">{ids.join(', ')}</span>
              </Td>
              <Td align="right">{quantity}</Td>
              <Td>
                {r.reasonCode}
                {r.comment && <span className="block text-xs text-slate-500">{r.comment}</span>}
              </Td>
              <Td>
                <StatusBadge status={r.status} />
                {r.error && <span className="mt-1 block max-w-xs text-xs text-red-700">{r.error}</span>}
                {r.receivedAt && <span className="block text-xs text-slate-500">{formatUtcDateTime(r.receivedAt)}</span>}
              </Td>
              <Td className="font-mono">{r.amazonRmaId ?? dash}</Td>
              <Td>{r.condition ?? dash}</Td>
              <Td>{r.creditNote ?? dash}</Td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

function RequestForm({
  orderId,
  lines,
  reasonsUrl,
  action,
  onDone,
  onCancel,
}: {
  orderId: string;
  lines: FoReturnsView['lines'];
  reasonsUrl: string;
  action: RequestAction;
  onDone: () => void;
  onCancel: () => void;
}) {
  // Amazon's codes are asked for the first returnable line's SKU (Amazon answers the same list for an order's items).
  const url = `${reasonsUrl}?sku=${encodeURIComponent(lines[0].sellerSku)}`;
  const reasons = useQuery({ queryKey: ['return-reasons', url], queryFn: () => fetchReasons(url), retry: false, staleTime: 5 * 60_000 });
  return (
    <ActionForm action={action} onSuccess={onDone} className="mb-4 rounded border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="mb-3 font-semibold text-slate-900">Request return</h3>
      <input type="hidden" name="id" value={orderId} />
      <div className="mb-3 grid gap-3 md:grid-cols-3">
        {lines.map((l) => (
          <Field
            key={l.lineNo}
            name={`quantity.${l.lineNo}`}
            label={`${l.sku} ${l.name}`}
            type="number"
            inputMode="numeric"
            defaultValue={0}
            hint={`Up to ${l.returnable} (shipped ${l.shipped}${l.returned ? `, already returned ${l.returned}` : ''}).`}
          />
        ))}
      </div>
      <div className="mb-3 grid gap-3 md:grid-cols-2">
        {reasons.isPending ? (
          <p role="status" className="flex items-center gap-2 text-slate-700">
            <span aria-hidden className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-sky-600 border-t-transparent" />
            Asking Amazon for the return reasons…
          </p>
        ) : reasons.isError ? (
          <div role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
            <p>{reasons.error.message}</p>
            <ScriptButton onClick={() => void reasons.refetch()} className={`${buttonClass('secondary')} mt-2`}>
              Ask Amazon again
            </ScriptButton>
          </div>
        ) : (
          <Field name="reasonCode" label="Return reason" required options={reasons.data.map((r) => ({ value: r.code, label: `${r.description} (${r.code})` }))} />
        )}
        <Field name="comment" label="Comment" rows={2} hint={`Optional; Amazon keeps up to ${RETURN_COMMENT_MAX} characters.`} />
      </div>
      <div className="flex gap-2">
        <Submit disabled={!reasons.isSuccess} />
        <ScriptButton onClick={onCancel} className={buttonClass('secondary')}>
          Cancel
        </ScriptButton>
      </div>
    </ActionForm>
  );
}
