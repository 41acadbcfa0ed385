'use client';

import { useActionState, useRef, useState } from 'react';
import { alarm } from '@/components/scan/alarm';
import { CameraScanner } from '@/components/scan/camera-scanner';
import { ScanFields } from '@/components/scan/scan-fields';
import { ScanForm, ScanHeader, ScanNotice, useScanQueue, type ScanNoticeValue } from '@/components/scan/scan-screen';
import type { ActionState } from '@/lib/action';
import type { PickScanResult } from '@/lib/sale/pick-scan';
import { packScanAction, packScanAuthoriseAction } from './actions';
import { ScriptButton } from '@/components/ui/script-controls';

type Line = { lineNo: number; sku: string; name: string; quantity: number; location: string; external: boolean };
type Box = { boxNo: number; items: Record<number, number> };

const idle = { status: 'idle' } as const;
const unitsIn = (box: Box) => Object.values(box.items).reduce((n, q) => n + q, 0);

/**
 * Pack by scanning: each item scanned goes into the open box (the server checks it was picked for
 * this sale from own stock); Close box starts the next one; a unit can be taken out again. Once
 * every picked unit is in a box, Authorise Pack sends the boxes as packed; FBA lines are packed by
 * Amazon, in boxes of their own.
 */
export function PackScanScreen({ sale, lines, back }: { sale: { id: string; number: string }; lines: Line[]; back: string }) {
  const own = lines.filter((l) => !l.external);
  const fba = lines.filter((l) => l.external);
  const [boxes, setBoxesState] = useState<Box[]>([{ boxNo: 1, items: {} }]);
  // The boxes as the handlers see them: scans are decided one after another (useScanQueue), each
  // on the boxes the one before left.
  const current = useRef(boxes);
  const setBoxes = (next: Box[]) => {
    current.current = next;
    setBoxesState(next);
  };
  const [notice, setNotice] = useState<ScanNoticeValue>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [state, authorise, authorising] = useActionState(packScanAuthoriseAction, idle as ActionState<never>);
  const open = boxes[boxes.length - 1];
  const packedIn = (list: Box[], lineNo: number) => list.reduce((n, b) => n + (b.items[lineNo] ?? 0), 0);
  const packed = (lineNo: number) => packedIn(boxes, lineNo);
  const complete = own.length > 0 && own.every((l) => packed(l.lineNo) === l.quantity);
  const byLine = new Map(lines.map((l) => [l.lineNo, l]));
  // Boxes numbered as they will be saved: empty ones (the open box after the last close, or one
  // emptied again) are left out and the rest numbered 1, 2, 3…
  const filled = boxes.filter((b) => unitsIn(b) > 0);

  function refuse(text: string) {
    setNotice({ tone: 'error', text });
    alarm();
  }

  async function scan(raw: string) {
    const code = raw.trim();
    if (!code) return;
    setBusy(true);
    try {
      const form = new FormData();
      form.set('saleId', sale.id);
      form.set('code', code);
      const result: ActionState<PickScanResult> = await packScanAction(idle, form);
      if (result.status !== 'ok') {
        if (result.status === 'error') refuse(result.message);
        return;
      }
      const r = result.data;
      if (r.status === 'refused') return refuse(r.reason);
      const now = current.current;
      const line = own.find((l) => r.lineNos.includes(l.lineNo) && packedIn(now, l.lineNo) < l.quantity);
      if (!line) {
        const wanted = own.filter((l) => r.lineNos.includes(l.lineNo)).reduce((n, l) => n + l.quantity, 0);
        return refuse(`More than picked: sale ${sale.number} has ${wanted} of ${r.sku}, all packed already.`);
      }
      const into = now[now.length - 1];
      setBoxes(now.map((b) => (b === into ? { ...b, items: { ...b.items, [line.lineNo]: (b.items[line.lineNo] ?? 0) + 1 } } : b)));
      setNotice({ tone: 'ok', text: `${r.sku} into box ${into.boxNo}: ${packedIn(now, line.lineNo) + 1} of ${line.quantity} packed.` });
    } catch {
      refuse('No connection: scan again when the connection is back.');
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  }

  function closeBox() {
    inTurn(() => {
      const now = current.current;
      const last = now[now.length - 1];
      if (unitsIn(last) === 0) refuse(`Box ${last.boxNo} is empty: scan an item into it first.`);
      else {
        setBoxes([...now, { boxNo: last.boxNo + 1, items: {} }]);
        setNotice({ tone: 'ok', text: `Box ${last.boxNo} closed with ${unitsIn(last)} unit${unitsIn(last) === 1 ? '' : 's'}. Now packing box ${last.boxNo + 1}.` });
      }
      input.current?.focus();
    });
  }

  function takeOut(boxNo: number, lineNo: number) {
    inTurn(() => {
      setBoxes(
        current.current.map((b) => {
          if (b.boxNo !== boxNo) return b;
          const items = { ...b.items, [lineNo]: (b.items[lineNo] ?? 0) - 1 };
          if (items[lineNo] <= 0) delete items[lineNo];
          return { ...b, items };
        }),
      );
      setNotice({ tone: 'ok', text: `One ${byLine.get(lineNo)?.sku} taken out of box ${boxNo}.` });
      input.current?.focus();
    });
  }

  const { submit, inTurn } = useScanQueue(scan);

  const problems = state.status === 'error' ? [state.message, ...Object.values(state.fieldErrors ?? {}).flat()] : [];

  return (
    <div className="mx-auto max-w-md space-y-4">
      <ScanHeader title={`Pack ${sale.number}`} back={back} backLabel="Back to the sale" />
      <ScanForm onCode={submit}>
        <ScanFields idPrefix="pack" bins={[]} binId="" onBin={() => {}} input={input} busy={busy} />
        <div className="flex gap-3">
          <ScriptButton type="submit" className="h-12 flex-1 rounded border border-slate-300 bg-white text-lg font-medium disabled:opacity-60">
            Add to box {open.boxNo}
          </ScriptButton>
          <ScriptButton onClick={closeBox} className="h-12 flex-1 rounded border border-slate-300 bg-white text-lg font-medium">
            Close box {open.boxNo}
          </ScriptButton>
        </div>
        <CameraScanner onCode={submit} />
      </ScanForm>
      <ScanNotice notice={notice} testId="pack-notice" />
      <section aria-labelledby="pack-lines">
        <h2 id="pack-lines" className="mb-2 font-semibold">
          To pack
        </h2>
        <ol className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {own.map((l) => (
            <li key={l.lineNo} className="flex items-center justify-between gap-3 px-3 py-2" data-testid={`pack-line-${l.lineNo}`}>
              <div className="min-w-0">
                <p className="truncate font-mono text-sm">{l.sku}</p>
                <p className="truncate text-sm text-slate-600">{l.name}</p>
              </div>
              <p className={`shrink-0 text-lg font-semibold tabular-nums ${packed(l.lineNo) === l.quantity ? 'text-emerald-700' : ''}`}>
                {packed(l.lineNo)} / {l.quantity}
              </p>
            </li>
          ))}
        </ol>
        {own.length === 0 && <p className="text-slate-600">Nothing on this sale was picked from your own stock.</p>}
      </section>
      <section aria-labelledby="pack-boxes">
        <h2 id="pack-boxes" className="mb-2 font-semibold">
          Boxes
        </h2>
        <ol className="space-y-2">
          {boxes.map((b) => {
            const items = Object.entries(b.items).map(([lineNo, q]) => ({ line: byLine.get(Number(lineNo))!, quantity: q }));
            const isOpen = b === open;
            return (
              <li key={b.boxNo} className={`rounded border bg-white ${isOpen ? 'border-indigo-400' : 'border-slate-200'}`} data-testid={`box-${b.boxNo}`}>
                <p className="flex justify-between border-b border-slate-200 px-3 py-2 font-medium">
                  <span>Box {b.boxNo}</span>
                  <span className="text-sm font-normal text-slate-600">{isOpen ? 'open' : 'closed'} · {unitsIn(b)} units</span>
                </p>
                {items.length === 0 ? (
                  <p className="px-3 py-2 text-sm text-slate-600">Empty: scan an item to put it in.</p>
                ) : (
                  <ul className="divide-y divide-slate-100">
                    {items.map(({ line, quantity }) => (
                      <li key={line.lineNo} className="flex items-center justify-between gap-3 px-3 py-1">
                        <span className="min-w-0 truncate font-mono text-sm">
                          {line.sku} × {quantity}
                        </span>
                        <ScriptButton onClick={() => takeOut(b.boxNo, line.lineNo)} className="min-h-11 shrink-0 rounded border border-slate-300 bg-white px-3 text-sm" aria-label={`Take one ${line.sku} out of box ${b.boxNo}`}>
                          Take one out
                        </ScriptButton>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      </section>
      {fba.length > 0 && (
        <p className="rounded border border-sky-300 bg-sky-50 px-3 py-2 text-sky-900">
          Not packed here: {fba.map((l) => `${l.sku} × ${l.quantity}`).join(', ')} {fba.length === 1 ? 'ships' : 'ship'} from {[...new Set(fba.map((l) => l.location))].join(', ')} (FBA): Amazon packs
          {fba.length === 1 ? ' it' : ' them'}, in a box of {fba.length === 1 ? 'its' : 'their'} own.
        </p>
      )}
      <form action={authorise}>
        <input type="hidden" name="saleId" value={sale.id} />
        {filled.flatMap((b, i) => Object.entries(b.items).map(([lineNo, q]) => <input key={`${b.boxNo}.${lineNo}`} type="hidden" name={`pack.${i + 1}.${lineNo}`} value={q} />))}
        <button type="submit" disabled={!complete || authorising} className="h-12 w-full rounded bg-indigo-600 text-lg font-medium text-white disabled:bg-slate-300">
          {complete ? `Authorise Pack (${filled.length} box${filled.length === 1 ? '' : 'es'})` : 'Authorise Pack (pack every unit first)'}
        </button>
        {problems.length > 0 && (
          <ul role="alert" className="mt-2 text-red-700">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </form>
    </div>
  );
}
