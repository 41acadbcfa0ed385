import Link from '@/components/ui/link';

export default async function NotAllowed({ searchParams }: { searchParams: Promise<{ permission?: string; administrator?: string }> }) {
  const { permission, administrator } = await searchParams;
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
