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
    <div className="flex min-h-screen">
      <aside className="w-64 shrink-0 bg-slate-800 px-3 py-4">
        <p className="mb-6 px-2 text-base font-semibold text-white">{company.companyName}</p>
        <Sidebar groups={navFor(user)} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-6 py-2">
          <span className="text-slate-600">
            Signed in as <strong>{user.name}</strong>
          </span>
          <SignOutButton />
        </header>
        <main className="flex-1 px-6 py-5">
          <Providers>{children}</Providers>
        </main>
      </div>
    </div>
  );
}
