import Link from 'next/link';

export default async function NotAllowed({ searchParams }: { searchParams: Promise<{ permission?: string }> }) {
  const { permission } = await searchParams;
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-700">
        {permission ? (
          <>
            This page needs the <strong>{permission}</strong> permission.
          </>
        ) : (
          'You do not have permission to open this page.'
        )}{' '}
        Ask an administrator to tick it for you in Settings → Users.
      </p>
      <p className="mt-4">
        <Link href="/">Back to the start page</Link>
      </p>
    </main>
  );
}
