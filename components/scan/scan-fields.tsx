'use client';

import type { Ref } from 'react';
import { useHydrated } from '@/components/ui/script-controls';

/** A bin of the location being worked: its name and what its printed label encodes (B-…). */
export type ScanBin = { id: string; name: string; scanCode: string };

/** The bin a scanned code names (its label's code or its name), or undefined for an item's code. */
export const binForCode = (bins: ScanBin[], code: string) => bins.find((b) => b.scanCode === code.toUpperCase() || b.name.toLowerCase() === code.toLowerCase());

/**
 * The floor screens' two fields: the bin (when the location has bins) and the code field a
 * keyboard-wedge scanner types into. The on-screen keyboard stays closed (`inputMode=none`) unless
 * `typing`; large targets for one thumb. The bin is React's state: chosen before the page's script
 * had run, the list went on showing it while React's state kept the first bin, and the scans after
 * it were counted there; so it waits, disabled, until then (a scan meanwhile is kept: `EarlyScans`).
 */
export function ScanFields({ idPrefix, bins, binId, onBin, input, typing = false, busy = false }: { idPrefix: string; bins: ScanBin[]; binId: string; onBin: (id: string) => void; input: Ref<HTMLInputElement>; typing?: boolean; busy?: boolean }) {
  const hydrated = useHydrated();
  return (
    <>
      {bins.length > 0 && (
        <div>
          <label htmlFor={`${idPrefix}-bin`} className="mb-1 block font-medium text-slate-700">
            Bin (or scan its label)
          </label>
          <select id={`${idPrefix}-bin`} disabled={!hydrated} value={binId} onChange={(e) => onBin(e.target.value)} className="h-12 w-full rounded border border-slate-300 bg-white px-3 text-lg">
            {bins.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor={`${idPrefix}-code`} className="mb-1 block font-medium text-slate-700">
          Scan or type a code
        </label>
        <input
          id={`${idPrefix}-code`}
          ref={input}
          data-scan-code
          autoFocus
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="enter"
          inputMode={typing ? 'text' : 'none'}
          placeholder="SKU, barcode or FNSKU"
          aria-busy={busy}
          className="h-14 w-full rounded border-2 border-indigo-400 bg-white px-3 font-mono text-xl"
        />
      </div>
    </>
  );
}
