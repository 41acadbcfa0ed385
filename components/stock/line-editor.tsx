'use client';

import { useState } from 'react';
import { ScriptButton } from '@/components/ui/script-controls';

/**
 * Rows of a document form that the user can add and remove. Each row keeps the number it was
 * given when added, so input names (`sku.3`) and their error messages stay attached to the right
 * row when an earlier one is removed.
 */
export function LineEditor({
  columns,
  renderRow,
  initialRows = 3,
  addLabel = 'Add line',
}: {
  columns: { label: string; align?: 'right'; className?: string }[];
  renderRow: (key: number, position: number) => React.ReactNode;
  initialRows?: number;
  addLabel?: string;
}) {
  const [rows, setRows] = useState(() => Array.from({ length: initialRows }, (_, i) => i));
  return (
    <div>
      <div className="relative overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200">
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="w-10 px-2 py-2 text-left font-semibold text-slate-700">
                #
              </th>
              {columns.map((c) => (
                <th key={c.label} scope="col" className={`px-2 py-2 font-semibold text-slate-700 ${c.align === 'right' ? 'text-right' : 'text-left'} ${c.className ?? ''}`}>
                  {c.label}
                </th>
              ))}
              <th scope="col" className="px-2 py-2">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((key, i) => (
              <tr key={key} className="align-top">
                <td className="px-2 py-2 text-slate-500">{i + 1}</td>
                {renderRow(key, i + 1)}
                <td className="px-2 py-2">
                  <ScriptButton
                    onClick={() => setRows((r) => r.filter((k) => k !== key))}
                    disabled={rows.length === 1}
                    aria-label={`Remove line ${i + 1}`}
                    className="rounded px-2 py-1 text-red-700 hover:bg-red-50 disabled:opacity-40"
                  >
                    ×
                  </ScriptButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ScriptButton
        onClick={() => setRows((r) => [...r, (r.length ? Math.max(...r) : -1) + 1])}
        className="mt-2 rounded border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50"
      >
        + {addLabel}
      </ScriptButton>
    </div>
  );
}
