import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { navFor } from '@/lib/nav';

/** Home: the first menu entry the user may open. */
export default async function Home() {
  const user = await requireUser();
  const first = navFor(user)[0]?.items[0];
  if (!first)
    return (
      <div className="max-w-lg">
        <h1 className="text-xl font-semibold">No menus yet</h1>
        <p className="mt-2 text-slate-600">Your account has no permissions. Ask an administrator to tick the ones you need in Settings → Users.</p>
      </div>
    );
  redirect(first.href);
}
