'use client';

import Link from '@/components/ui/link';
import { usePathname } from 'next/navigation';

/** A page's tabs as links (one per route segment); the one whose segment is open carries aria-current. */
export function RouteTabs({ label, base, tabs }: { label: string; base: string; tabs: { segment: string; label: string }[] }) {
  const path = usePathname();
  return (
    <nav aria-label={label} className="mb-4 flex gap-1 border-b border-slate-200">
      {tabs.map((t) => {
        const href = `${base}/${t.segment}`;
        const current = path === href || path.startsWith(`${href}/`);
        return (
          <Link
            key={t.segment}
            href={href}
            aria-current={current ? 'page' : undefined}
            className={`-mb-px rounded-t border px-4 py-2 font-medium no-underline ${current ? 'border-slate-200 border-b-white bg-white text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
