import Link from '@/components/ui/link';

/**
 * Replaces Next's built-in 404 screen, whose inline <style> carries no CSP nonce and would be
 * refused (and reported) under the Content-Security-Policy the proxy sets.
 */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-700">There is nothing at this address. It may have been mistyped, or what it showed was deleted.</p>
      <p className="mt-4">
        <Link href="/">Back to the start page</Link>
      </p>
    </main>
  );
}
