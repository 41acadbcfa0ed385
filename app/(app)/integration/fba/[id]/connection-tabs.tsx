'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The connection's tabs as links; the one whose segment is open carries aria-current. */
export function ConnectionTabs({ base, tabs }: { base: string; tabs: { segment: string; label: string }[] }) {
  const path = usePathname();
  return (
    <nav aria-label="Connection" className="mb-4 flex gap-1 border-b border-slate-200">
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

/** The header's way to the confirmation step; hidden on that step itself. */
export function DisconnectLink({ href, className }: { href: string; className: string }) {
  const path = usePathname();
  if (path === href) return null;
  return (
    <Link href={href} className={className}>
      Disconnect…
    </Link>
  );
}
