'use client';

import Link from 'next/link';
import { alarm } from '@/components/scan/alarm';
import { CameraScanner } from '@/components/scan/camera-scanner';
import { binForCode, ScanFields, type ScanBin } from '@/components/scan/scan-fields';
import { useActionState, useCallback, useEffect, useRef, useState } from 'react';
import type { ActionState } from '@/lib/action';
import type { PickScanResult } from '@/lib/sale/pick-scan';
import { pickAction } from '../../actions';
import { pickScanAction } from './actions';

type Line = { lineNo: number; sku: string; name: string; quantity: number; location: string; bin: string | null; binId: string | null; external: boolean };
type Notice = { tone: 'ok' | 'error'; text: string } | null;

const idle = { status: 'idle' } as const;

/**
 * Pick by scanning: scan (or choose) the bin, then each item; a scan is checked by the server
 * against the sale's pick lines and refused with the reason (not on the sale, picked by Amazon,
 * another bin); more units than a line needs are refused here. Authorise Pick once every line is
 * scanned in full.
 */
export function PickScanScreen({ sale, lines, bins, back }: { sale: { id: string; number: string }; lines: Line[]; bins: ScanBin[]; back: string }) {
  const own = lines.filter((l) => !l.external);
  const fba = lines.filter((l) => l.external);
  const [tally, setTallyState] = useState<Record<number, number>>({});
  // The tally as the handlers see it: scans are decided one after another (`queue`), each on the
  // tally the one before left, however fast a scanner types.
  const counted = useRef(tally);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const [binId, setBinId] = useState(bins[0]?.id ?? '');
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [pickState, authorise, authorising] = useActionState(pickAction, idle as ActionState<never>);
  const complete = own.length > 0 && own.every((l) => (tally[l.lineNo] ?? 0) >= l.quantity);

  async function scan(raw: string) {
    const code = raw.trim();
    if (!code) return;
    const bin = binForCode(bins, code);
    if (bin) {
      setBinId(bin.id);
      setNotice({ tone: 'ok', text: `Picking from bin ${bin.name}.` });
      return;
    }
    setBusy(true);
    try {
      const form = new FormData();
      form.set('saleId', sale.id);
      form.set('code', code);
      form.set('binId', binId);
      const result: ActionState<PickScanResult> = await pickScanAction(idle, form);
      if (result.status !== 'ok') {
        if (result.status === 'error') setNotice({ tone: 'error', text: result.message });
        alarm();
        return;
      }
      const r = result.data;
      if (r.status === 'refused') {
        setNotice({ tone: 'error', text: r.reason });
        alarm();
        return;
      }
      const now = counted.current;
      const line = own.find((l) => r.lineNos.includes(l.lineNo) && (now[l.lineNo] ?? 0) < l.quantity);
      if (!line) {
        const wanted = own.filter((l) => r.lineNos.includes(l.lineNo)).reduce((n, l) => n + l.quantity, 0);
        setNotice({ tone: 'error', text: `More than ordered: sale ${sale.number} needs ${wanted} of ${r.sku}${binId ? ' from this bin' : ''}, all scanned already.` });
        alarm();
        return;
      }
      const next = (now[line.lineNo] ?? 0) + 1;
      counted.current = { ...now, [line.lineNo]: next };
      setTallyState(counted.current);
      setNotice({ tone: 'ok', text: `${r.sku}: ${next} of ${line.quantity} picked${line.bin ? ` from ${line.bin}` : ''}.` });
    } catch {
      setNotice({ tone: 'error', text: 'No connection: scan again when the connection is back.' });
      alarm();
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  }

  // The camera hands its codes to the latest scan handler, through one stable callback.
  const fromCamera = useRef<(code: string) => void>(() => {});
  useEffect(() => {
    fromCamera.current = (code) => {
      queue.current = queue.current.then(() => scan(code), () => scan(code));
    };
  });
  const onCamera = useCallback((code: string) => fromCamera.current(code), []);

  return (
    <div className="mx-auto max-w-md space-y-4">
      <div className="flex items-baseline justify-between gap-3">
        <h1 className="text-xl font-semibold">Pick {sale.number}</h1>
        <Link href={back} className="shrink-0">
          Back to the sale
        </Link>
      </div>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const field = input.current!;
          const code = field.value;
          field.value = '';
          const work = () => scan(code);
          queue.current = queue.current.then(work, work);
        }}
      >
        <ScanFields idPrefix="pick" bins={bins} binId={binId} onBin={setBinId} input={input} busy={busy} />
        <button type="submit" className="h-12 w-full rounded border border-slate-300 bg-white text-lg font-medium">
          Check item
        </button>
        <CameraScanner onCode={onCamera} />
      </form>
      {notice && (
        <p role={notice.tone === 'ok' ? 'status' : 'alert'} data-testid="pick-notice" className={`rounded border px-3 py-2 ${notice.tone === 'ok' ? 'border-emerald-300 bg-emerald-50 text-emerald-900' : 'border-red-300 bg-red-50 text-red-800'}`}>
          {notice.text}
        </p>
      )}
      <section aria-labelledby="pick-lines">
        <h2 id="pick-lines" className="mb-2 font-semibold">
          To pick
        </h2>
        <ol className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {own.map((l) => {
            const done = tally[l.lineNo] ?? 0;
            return (
              <li key={l.lineNo} className="flex items-center justify-between gap-3 px-3 py-2" data-testid={`pick-line-${l.lineNo}`}>
                <div className="min-w-0">
                  <p className="truncate font-mono text-sm">{l.sku}</p>
                  <p className="truncate text-sm text-slate-600">
                    {l.name} · {l.bin ? `${l.location} › ${l.bin}` : l.location}
                  </p>
                </div>
                <p className={`shrink-0 text-lg font-semibold tabular-nums ${done >= l.quantity ? 'text-emerald-700' : ''}`}>
                  {done} / {l.quantity}
                </p>
              </li>
            );
          })}
        </ol>
        {own.length === 0 && <p className="text-slate-600">Nothing on this sale is picked from your own stock.</p>}
      </section>
      {fba.length > 0 && (
        <p className="rounded border border-sky-300 bg-sky-50 px-3 py-2 text-sky-900">
          Not picked here: {fba.map((l) => `${l.sku} × ${l.quantity}`).join(', ')} {fba.length === 1 ? 'ships' : 'ship'} from {[...new Set(fba.map((l) => l.location))].join(', ')} (FBA): Amazon picks
          {fba.length === 1 ? ' it' : ' them'}.
        </p>
      )}
      <form action={authorise}>
        <input type="hidden" name="saleId" value={sale.id} />
        <button type="submit" disabled={!complete || authorising} className="h-12 w-full rounded bg-indigo-600 text-lg font-medium text-white disabled:bg-slate-300">
          {complete ? 'Authorise Pick' : 'Authorise Pick (scan every line first)'}
        </button>
        {pickState.status === 'error' && (
          <p role="alert" className="mt-2 text-red-700">
            {pickState.message}
          </p>
        )}
      </form>
    </div>
  );
}
