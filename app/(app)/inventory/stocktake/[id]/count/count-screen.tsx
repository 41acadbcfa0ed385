'use client';

import { alarm } from '@/components/scan/alarm';
import { binForCode, ScanFields, type ScanBin } from '@/components/scan/scan-fields';
import { ScanForm, ScanHeader, ScanNotice, type ScanNoticeValue } from '@/components/scan/scan-screen';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionState } from '@/lib/action';
import type { ScanResult } from '@/lib/stocktake/scans';
import { scanAction, undoScanAction } from './actions';
import { CameraScanner } from '@/components/scan/camera-scanner';
import { ScriptButton, ScriptFields } from '@/components/ui/script-controls';

type Recent = { scanId: string; code: string; quantity: number; sku: string; name: string; bin: string | null; counted: number | null; undone: boolean };

/** A scan on this device: queued until the server has it, then what the server made of it. */
type Entry = {
  scanId: string;
  code: string;
  quantity: number;
  binId: string | null;
  binName: string | null;
  state: 'queued' | 'counted' | 'unknown' | 'not-on-stocktake' | 'undo-queued' | 'undone' | 'refused';
  sku?: string;
  name?: string;
  counted?: number | null;
  message?: string;
};

/**
 * What waits on the device, in the order it was done: a scan, or the undo of one (an undo made
 * without a connection waits behind the scan it undoes, so the server sees them in that order).
 */
type Queued = Entry | { kind: 'undo'; scanId: string; sku?: string; quantity: number; binName: string | null };
const isUndo = (q: Queued): q is Extract<Queued, { kind: 'undo' }> => 'kind' in q && q.kind === 'undo';

type Current = { sku: string; name: string; counted: number | null; bin: string | null };

const idle = { status: 'idle' } as const;

function formOf(values: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) form.set(k, v);
  return form;
}

const fromRecent = (r: Recent): Entry => ({
  scanId: r.scanId,
  code: r.code,
  quantity: r.quantity,
  binId: null,
  binName: r.bin,
  state: r.undone ? 'undone' : 'counted',
  sku: r.sku,
  name: r.name,
  counted: r.counted,
});

/**
 * Stocktake → Count. A keyboard-wedge scanner types the code and Enter into the focused field (the
 * on-screen keyboard stays closed until "Type a code"); each scan is queued on the device with its
 * own id and sent at once; without a connection it waits and is sent when the connection is back,
 * and the server counts each id once.
 */
export function CountScreen({ stocktake, userId, bins, back, recent }: { stocktake: { id: string; number: string; location: string }; userId: string; bins: ScanBin[]; back: string; recent: Recent[] }) {
  const storageKey = `count-queue:${stocktake.id}:${userId}`;
  const [entries, setEntries] = useState<Entry[]>(() => recent.map(fromRecent));
  const [binId, setBinId] = useState<string>(bins[0]?.id ?? '');
  const [quantity, setQuantity] = useState('1');
  const [typing, setTyping] = useState(false);
  const [current, setCurrent] = useState<Current | null>(null);
  const [notice, setNotice] = useState<ScanNoticeValue>(null);
  const [offline, setOffline] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const sending = useRef(false);

  const binName = useCallback((id: string | null) => bins.find((b) => b.id === id)?.name ?? null, [bins]);
  const update = (scanId: string, patch: Partial<Entry>) => setEntries((list) => list.map((e) => (e.scanId === scanId ? { ...e, ...patch } : e)));

  const readQueue = useCallback((): Queued[] => {
    try {
      return JSON.parse(localStorage.getItem(storageKey) ?? '[]') as Queued[];
    } catch {
      return [];
    }
  }, [storageKey]);
  const writeQueue = useCallback((queue: Queued[]) => localStorage.setItem(storageKey, JSON.stringify(queue)), [storageKey]);

  const apply = useCallback(
    (entry: Entry, result: ScanResult) => {
      if (result.status === 'counted') {
        update(entry.scanId, { state: 'counted', sku: result.sku, name: result.name, counted: result.counted, binName: result.bin });
        setCurrent({ sku: result.sku, name: result.name, counted: result.counted, bin: result.bin });
        setNotice({ tone: 'ok', text: `${result.sku}: ${result.counted} counted${result.bin ? ` in ${result.bin}` : ''}.` });
      } else if (result.status === 'unknown') {
        update(entry.scanId, { state: 'unknown', message: 'No product has this code.' });
        setNotice({ tone: 'error', text: `Unknown code ${result.code}: no product has this SKU, barcode or FNSKU. Nothing was counted.` });
        alarm();
      } else {
        update(entry.scanId, { state: 'not-on-stocktake', sku: result.sku, name: result.name, message: `${result.sku} is not in this stocktake${result.bin ? ` for bin ${result.bin}` : ''}.` });
        setNotice({ tone: 'warn', text: `${result.sku} (${result.name}) is not in this stocktake${result.bin ? ` for bin ${result.bin}` : ''}. Add it to count it, or scan another item.` });
        alarm();
      }
    },
    [],
  );

  const applyUndo = useCallback((undo: Extract<Queued, { kind: 'undo' }>, counted: number | null) => {
    update(undo.scanId, { state: 'undone', counted });
    setCurrent((c) => (c && c.sku === undo.sku && c.bin === undo.binName ? { ...c, counted } : c));
    setNotice({ tone: 'ok', text: `Scan of ${undo.sku ?? 'the item'} undone: ${counted ?? 'not'} counted${undo.binName ? ` in ${undo.binName}` : ''}.` });
  }, []);

  /** Sends the device's queue in order; stops at the first item that cannot reach the server. */
  const flush = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      for (;;) {
        const [next] = readQueue();
        if (!next) break;
        const done = () => writeQueue(readQueue().filter((q) => !(q.scanId === next.scanId && isUndo(q) === isUndo(next))));
        if (isUndo(next)) {
          let result: ActionState<{ counted: number | null }>;
          try {
            result = await undoScanAction(idle, formOf({ stocktakeId: stocktake.id, scanId: next.scanId }));
          } catch {
            setOffline(true);
            break;
          }
          setOffline(false);
          done();
          if (result.status === 'ok') applyUndo(next, result.data.counted);
          else if (result.status === 'error') {
            update(next.scanId, { state: 'refused', message: result.message });
            setNotice({ tone: 'error', text: result.message });
          }
          continue;
        }
        let result: ActionState<ScanResult>;
        try {
          result = await scanAction(idle, formOf({ stocktakeId: stocktake.id, scanId: next.scanId, code: next.code, quantity: String(next.quantity), binId: next.binId ?? '' }));
        } catch {
          setOffline(true);
          break;
        }
        setOffline(false);
        done();
        // Undone on the device before it was sent: the undo waiting behind it says what happened.
        if (readQueue().some((q) => isUndo(q) && q.scanId === next.scanId)) {
          // A scan the server did not count leaves nothing to undo.
          if (!(result.status === 'ok' && result.data.status === 'counted')) {
            writeQueue(readQueue().filter((q) => !(isUndo(q) && q.scanId === next.scanId)));
            update(next.scanId, { state: 'undone' });
          }
          continue;
        }
        if (result.status === 'ok') apply(next, result.data);
        else if (result.status === 'error') {
          update(next.scanId, { state: 'refused', message: result.message });
          setNotice({ tone: 'error', text: result.message });
          alarm();
        }
      }
    } finally {
      sending.current = false;
    }
  }, [apply, applyUndo, readQueue, stocktake.id, writeQueue]);

  // Scans left queued by an earlier visit are shown and sent; and again whenever the connection comes back.
  useEffect(() => {
    // After hydration (the queue lives in this browser only): show what is still queued, then send it.
    const shown = window.setTimeout(() => {
      const queued = readQueue();
      const scans = queued.filter((q): q is Entry => !isUndo(q));
      const undos = new Set(queued.filter(isUndo).map((q) => q.scanId));
      if (queued.length > 0)
        setEntries((list) =>
          [...scans.filter((q) => !list.some((e) => e.scanId === q.scanId)).reverse(), ...list].map((e) => (undos.has(e.scanId) ? { ...e, state: 'undo-queued' as const } : e)),
        );
      void flush();
    }, 0);
    const again = () => void flush();
    window.addEventListener('online', again);
    const timer = window.setInterval(() => {
      if (readQueue().length > 0) void flush();
    }, 5000);
    return () => {
      window.clearTimeout(shown);
      window.removeEventListener('online', again);
      window.clearInterval(timer);
    };
  }, [flush, readQueue]);

  const submitRef = useRef<(code: string) => void>(() => {});
  useEffect(() => {
    submitRef.current = submit;
  });

  function submit(raw: string) {
    const code = raw.trim();
    if (!code) return;
    const bin = binForCode(bins, code);
    if (bin) {
      setBinId(bin.id);
      setNotice({ tone: 'ok', text: `Counting bin ${bin.name}.` });
      return;
    }
    const qty = Number(quantity);
    if (!Number.isInteger(qty) || qty < 1 || qty > 100_000) {
      setNotice({ tone: 'error', text: 'Quantity: enter a whole number from 1 to 100,000.' });
      alarm();
      return;
    }
    const entry: Entry = { scanId: crypto.randomUUID(), code, quantity: qty, binId: binId || null, binName: binName(binId || null), state: 'queued' };
    writeQueue([...readQueue(), entry]);
    setEntries((list) => [entry, ...list].slice(0, 30));
    setQuantity('1');
    void flush();
  }

  const onCamera = useCallback((code: string) => submitRef.current(code), []);

  async function addToStocktake(entry: Entry) {
    try {
      const result = await scanAction(idle, formOf({ stocktakeId: stocktake.id, scanId: entry.scanId, code: entry.code, quantity: String(entry.quantity), binId: entry.binId ?? '', add: 'on' }));
      if (result.status === 'ok') apply(entry, result.data);
      else if (result.status === 'error') setNotice({ tone: 'error', text: result.message });
    } catch {
      setOffline(true);
      setNotice({ tone: 'error', text: 'No connection: add it again when the connection is back.' });
    }
    input.current?.focus();
  }

  /** Undo goes through the device's queue like a scan, so it waits for the connection and for the scan it undoes. */
  function undo(entry: Entry) {
    const queue = readQueue();
    if (!queue.some((q) => isUndo(q) && q.scanId === entry.scanId)) writeQueue([...queue, { kind: 'undo', scanId: entry.scanId, sku: entry.sku ?? entry.code, quantity: entry.quantity, binName: entry.binName }]);
    update(entry.scanId, { state: 'undo-queued' });
    void flush();
    input.current?.focus();
  }

  const waiting = [
    [entries.filter((e) => e.state === 'queued').length, 'scan'],
    [entries.filter((e) => e.state === 'undo-queued').length, 'undo'],
  ] as const;
  const waitingText = waiting.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`);
  const waitingTotal = waiting.reduce((n, [k]) => n + k, 0);

  return (
    <div className="mx-auto max-w-md space-y-4">
      <ScanHeader title={`Count ${stocktake.number} `} back={back} backLabel="Done counting">
        <span className="block text-base font-normal text-slate-600">{stocktake.location}</span>
      </ScanHeader>
      {offline && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          No connection: {waitingTotal === 0 ? 'nothing is waiting' : `${waitingText.join(' and ')} ${waitingTotal === 1 ? 'is' : 'are'} kept on this device`}; sent when the connection is back.
        </p>
      )}
      <ScanForm onCode={submit}>
        <ScanFields idPrefix="count" bins={bins} binId={binId} onBin={setBinId} input={input} typing={typing} />
        <ScriptFields className="flex items-end gap-3">
          <div className="w-28">
            <label htmlFor="count-quantity" className="mb-1 block font-medium text-slate-700">
              Quantity
            </label>
            <input id="count-quantity" inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} className="h-12 w-full rounded border border-slate-300 bg-white px-3 text-lg" />
          </div>
          <ScriptButton type="submit" className="h-12 flex-1 rounded bg-indigo-600 px-4 text-lg font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
            Count
          </ScriptButton>
        </ScriptFields>
        <ScriptButton
          aria-pressed={typing}
          onClick={() => {
            setTyping((t) => !t);
            input.current?.focus();
          }}
          className="min-h-11 w-full rounded border border-slate-300 bg-white px-3 text-slate-700"
        >
          {typing ? 'Scanner mode (hide the keyboard)' : 'Type a code (show the keyboard)'}
        </ScriptButton>
        <CameraScanner onCode={onCamera} />
      </ScanForm>
      <ScanNotice notice={notice} testId="count-notice" />
      {current && (
        <section aria-label="Current product" className="rounded border border-slate-200 bg-white p-3 shadow-sm">
          <p className="font-mono text-sm text-slate-600">{current.sku}</p>
          <p className="font-medium">{current.name}</p>
          <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid="current-count">
            {current.counted ?? 0} <span className="text-base font-normal text-slate-600">counted{current.bin ? ` in ${current.bin}` : ''}</span>
          </p>
        </section>
      )}
      <section aria-labelledby="last-scans">
        <h2 id="last-scans" className="mb-2 font-semibold">
          Last scans
        </h2>
        {entries.length === 0 ? (
          <p className="text-slate-600">Nothing scanned yet on this device. Scan an item, or a bin label to change bins.</p>
        ) : (
          <ol className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
            {entries.map((e) => (
              <li key={e.scanId} className="flex items-center justify-between gap-3 px-3 py-2" data-testid="scan-entry">
                <div className="min-w-0">
                  <p className={`truncate font-mono text-sm ${e.state === 'undone' || e.state === 'undo-queued' ? 'text-slate-500 line-through' : ''}`}>
                    {e.sku ?? e.code} × {e.quantity}
                    {e.binName ? ` · ${e.binName}` : ''}
                  </p>
                  <p className="text-sm text-slate-600">
                    {e.state === 'queued' && 'Waiting to send…'}
                    {e.state === 'counted' && `Counted: ${e.counted ?? 0} in all`}
                    {e.state === 'undone' && 'Undone'}
                    {e.state === 'undo-queued' && 'Undo waiting to send…'}
                    {(e.state === 'unknown' || e.state === 'refused' || e.state === 'not-on-stocktake') && e.message}
                  </p>
                </div>
                {(e.state === 'counted' || e.state === 'queued') && (
                  <ScriptButton onClick={() => undo(e)} className="min-h-11 shrink-0 rounded border border-slate-300 bg-white px-3 text-sm" aria-label={`Undo scan of ${e.sku ?? e.code} × ${e.quantity}`}>
                    Undo
                  </ScriptButton>
                )}
                {e.state === 'not-on-stocktake' && (
                  <ScriptButton onClick={() => void addToStocktake(e)} className="min-h-11 shrink-0 rounded border border-indigo-300 bg-indigo-50 px-3 text-sm text-indigo-800">
                    Add to stocktake
                  </ScriptButton>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
