'use client';

import Link from '@/components/ui/link';
import { usePathname } from 'next/navigation';
import type { NavGroup } from '@/lib/nav';

export function Sidebar({ groups }: { groups: NavGroup[] }) {
  const path = usePathname();
  return (
    <nav aria-label="Main" className="space-y-5">
      {groups.map((g) => (
        <div key={g.label}>
          <h2 className="mb-1 px-2 text-xs font-semibold uppercase tracking-wide text-slate-400">{g.label}</h2>
          <ul className="space-y-0.5">
            {g.items.map((i) => {
              const section = i.section ?? i.href;
              const active = path === section || path.startsWith(`${section}/`);
              return (
                <li key={i.href}>
                  <Link
                    href={i.href}
                    aria-current={active ? 'page' : undefined}
                    className={`block rounded px-2 py-1.5 no-underline hover:no-underline ${active ? 'bg-indigo-600 text-white' : 'text-slate-200 hover:bg-slate-700'}`}
                  >
                    {i.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
