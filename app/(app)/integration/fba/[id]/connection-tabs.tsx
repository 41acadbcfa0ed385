'use client';

import Link from '@/components/ui/link';
import { usePathname } from 'next/navigation';
import { RouteTabs } from '@/components/ui/route-tabs';

/** The connection's tabs as links; the one whose segment is open carries aria-current. */
export function ConnectionTabs({ base, tabs }: { base: string; tabs: { segment: string; label: string }[] }) {
  return <RouteTabs label="Connection" base={base} tabs={tabs} />;
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
