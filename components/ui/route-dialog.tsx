'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { buttonClass } from './button';
import { ScriptButton } from '@/components/ui/script-controls';

/**
 * A modal window opened by a URL (?listing=, ?labels=…): a <dialog> shown with showModal (focus
 * moves in and is trapped there; Escape and Close close it). Closing replaces the URL with
 * `closeHref`; `onClosed` may put focus back where the window was opened from. `children` gets
 * `close` (for a form that closes the window once it succeeds).
 */
export function RouteDialog({
  title,
  description,
  closeHref,
  width = 'max-w-xl',
  onClosed,
  children,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  closeHref: string;
  width?: string;
  onClosed?: () => void;
  children: (close: () => void) => React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const titleId = useId();
  const dialogId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  // By id, not the ref: `children` gets it during render, and a ref is not read there.
  const close = () => (document.getElementById(dialogId) as HTMLDialogElement | null)?.close();
  return (
    <dialog
      ref={ref}
      id={dialogId}
      onClose={() => {
        router.replace(closeHref, { scroll: false });
        onClosed?.();
      }}
      aria-labelledby={titleId}
      className={`m-auto w-full ${width} rounded-lg border border-slate-200 bg-white p-0 text-slate-800 shadow-xl backdrop:bg-slate-900/50`}
    >
      <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-3">
        <div>
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {description && <p className="text-sm text-slate-600">{description}</p>}
        </div>
        <ScriptButton onClick={close} className={buttonClass('secondary')}>
          Close
        </ScriptButton>
      </div>
      {children(close)}
    </dialog>
  );
}

/** The rows ticked in a dialog's list: `toggle` one, `setAll` on or off. */
export function useChosenSet(all: string[], initiallyAll: boolean) {
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(initiallyAll ? all : []));
  const toggle = (id: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const setAll = (on: boolean) => setChosen(on ? new Set(all) : new Set());
  return { chosen, toggle, setAll, allOn: all.length > 0 && chosen.size === all.length };
}
