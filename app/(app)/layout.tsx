import { AppShell } from '@/components/layout/app-shell';
import { Sidebar } from '@/components/layout/sidebar';
import { Providers } from '@/components/providers';
import { SignOutButton } from '@/components/layout/sign-out-button';
import { requireUser } from '@/lib/auth/session';
import { navFor } from '@/lib/nav';
import { getCompanySettings } from '@/lib/reference/company';
import { getDb } from '@/db';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const company = await getCompanySettings(await getDb());
  return (
    <AppShell
      company={company.companyName}
      menu={<Sidebar groups={navFor(user)} />}
      account={
        <>
          {/* On a phone the top bar holds the Menu button, the company and Sign out; the name waits for a wider screen. */}
          <span className="hidden text-slate-600 sm:inline">
            Signed in as <strong>{user.name}</strong>
          </span>
          <SignOutButton />
        </>
      }
    >
      <Providers>{children}</Providers>
    </AppShell>
  );
}
