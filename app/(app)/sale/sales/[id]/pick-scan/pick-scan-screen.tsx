'use client';

import { alarm } from '@/components/scan/alarm';
import { CameraScanner } from '@/components/scan/camera-scanner';
import { binForCode, ScanFields, type ScanBin } from '@/components/scan/scan-fields';
import { ScriptButton } from '@/components/ui/script-controls';
import { ScanForm, ScanHeader, ScanNotice, useScanQueue, type ScanNoticeValue } from '@/components/scan/scan-screen';
import { useActionState, useRef, useState } from 'react';
import type { ActionState } from '@/lib/action';
import type { PickScanResult } from '@/lib/sale/pick-scan';
import { pickAction } from '../../actions';
import { pickScanAction } from './actions';

type Line = { lineNo: number; sku: string; name: string; quantity: number; location: string; bin: string | null; binId: string | null; external: boolean };

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
  // The tally as the handlers see it: scans are decided one after another (useScanQueue), each on
  // the tally the one before left.
  const counted = useRef(tally);
  const [binId, setBinId] = useState(bins[0]?.id ?? '');
  const [notice, setNotice] = useState<ScanNoticeValue>(null);
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

  const { submit } = useScanQueue(scan);

  return (
    <div className="mx-auto max-w-md space-y-4">
      <ScanHeader title={`Pick ${sale.number}`} back={back} backLabel="Back to the sale" />
      <ScanForm onCode={submit}>
        <ScanFields idPrefix="pick" bins={bins} binId={binId} onBin={setBinId} input={input} busy={busy} />
        <ScriptButton type="submit" className="h-12 w-full rounded border border-slate-300 bg-white text-lg font-medium disabled:opacity-60">
          Check item
        </ScriptButton>
        <CameraScanner onCode={submit} />
      </ScanForm>
      <ScanNotice notice={notice} testId="pick-notice" />
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
