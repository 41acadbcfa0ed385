'use client';

import { ErrorPanel } from '@/components/ui/error-panel';
import './globals.css';

/** The root layout itself failed (or an error escaped every other boundary): a page of its own. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen text-sm">
        <title>Something went wrong · Inventory</title>
        <main className="mx-auto max-w-xl px-4 py-16">
          <ErrorPanel error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
