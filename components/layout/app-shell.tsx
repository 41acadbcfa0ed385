'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ScriptButton } from '@/components/ui/script-controls';

const MENU_ID = 'main-menu';

/**
 * The frame of every signed-in screen. From Tailwind's `md` (768 px) up: the menu is a column on the
 * left, the account bar above the page. Below it the menu hides behind a "Menu" button in the top bar
 * (a disclosure: aria-expanded, aria-controls; Escape closes it and puts focus back on the button) and
 * opens over the page; following a link in it closes it. Without JavaScript (`noscript:`) the menu
 * stays reachable: it shows above the page, and the button, which could do nothing, is not shown.
 * The DOM order is the top bar, the menu, the page, so Tab goes from the button into the open menu.
 */
export function AppShell({ company, menu, account, children }: { company: string; menu: React.ReactNode; account: React.ReactNode; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const path = usePathname();
  // A new screen closes the menu (set while rendering, React's way to follow a changed prop).
  const [shownPath, setShownPath] = useState(path);
  if (shownPath !== path) {
    setShownPath(path);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="min-h-screen md:grid md:grid-cols-[16rem_minmax(0,1fr)] md:grid-rows-[auto_1fr]">
      <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-slate-200 bg-white px-3 md:static md:col-start-2 md:row-start-1 md:h-auto md:justify-end md:gap-3 md:px-6 md:py-2">
        <ScriptButton
          ref={button}
          aria-expanded={open}
          aria-controls={MENU_ID}
          onClick={() => setOpen((o) => !o)}
          className="inline-flex min-h-10 items-center gap-2 rounded border border-slate-300 bg-white px-3 font-medium text-slate-800 hover:bg-slate-50 md:hidden noscript:hidden"
        >
          <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5h14M3 10h14M3 15h14" />}
          </svg>
          Menu
        </ScriptButton>
        <p className="min-w-0 flex-1 truncate font-semibold text-slate-900 md:hidden">{company}</p>
        <div className="flex shrink-0 items-center gap-3">{account}</div>
      </header>
      {open && <div aria-hidden className="fixed inset-x-0 top-14 bottom-0 z-30 bg-slate-900/40 md:hidden" onClick={() => setOpen(false)} />}
      <aside
        id={MENU_ID}
        // A click on one of its links closes the menu even when the link is the screen already shown.
        onClick={(e) => {
          if (e.target instanceof Element && e.target.closest('a')) setOpen(false);
        }}
        className={`${open ? 'block' : 'hidden'} fixed top-14 bottom-0 left-0 z-40 w-72 max-w-[85vw] overflow-y-auto bg-slate-800 px-3 py-4 shadow-xl md:static md:col-start-1 md:row-span-2 md:row-start-1 md:block md:w-auto md:max-w-none md:overflow-visible md:shadow-none noscript:static noscript:block noscript:w-auto noscript:max-w-none`}
      >
        <p className="mb-6 hidden px-2 text-base font-semibold text-white md:block">{company}</p>
        {menu}
      </aside>
      <main className="min-w-0 px-3 py-4 md:col-start-2 md:row-start-2 md:px-6 md:py-5">{children}</main>
    </div>
  );
}
