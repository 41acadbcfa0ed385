import Link from '@/components/ui/link';
import { isPermission } from '@/lib/auth/permissions';
import { readSearchParams, type RawSearchParams } from '@/lib/http/search-params';

export default async function NotAllowed({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const sp = readSearchParams(await searchParams);
  const administrator = sp.administrator;
  // Only a permission's own name is shown: the URL is anyone's to write, the page's words are not.
  const permission = sp.permission !== undefined && isPermission(sp.permission) ? sp.permission : undefined;
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-700">
        {administrator ? (
          'Only an administrator may open this page. Ask one to do it for you, or to make you an administrator.'
        ) : permission ? (
          <>
            This page needs the <strong>{permission}</strong> permission.
          </>
        ) : (
          'You do not have permission to open this page.'
        )}
        {!administrator && ' Ask an administrator to tick it for you in Settings → Users.'}
      </p>
      <p className="mt-4">
        <Link href="/">Back to the start page</Link>
      </p>
    </main>
  );
}
