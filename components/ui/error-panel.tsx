'use client';

import Link from '@/components/ui/link';
import { buttonClass } from './button';
import { ScriptButton } from '@/components/ui/script-controls';

/**
 * What a page shows when it failed on our side: a reference (Next's digest, which the server log
 * prints beside the error) and a way to try again. Never the error's message: in production it is
 * a placeholder, and in development it may hold SQL or other internals.
 */
export function ErrorPanel({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  return (
    <section role="alert" aria-labelledby="error-title" className="max-w-xl rounded border border-red-300 bg-white p-5 shadow-sm">
      <h1 id="error-title" className="text-lg font-semibold text-slate-900">
        Something went wrong on our side
      </h1>
      <p className="mt-2 text-slate-700">This page could not be shown because of an error on our side. Try again in a moment.</p>
      {digest && (
        <p className="mt-2 text-slate-700">
          If it keeps happening, give your administrator this reference: <strong className="font-mono">{digest}</strong>
        </p>
      )}
      <div className="mt-4 flex items-center gap-3">
        <ScriptButton onClick={() => retry()} className={buttonClass('primary')}>
          Try again
        </ScriptButton>
        <Link href="/">Back to the start page</Link>
      </div>
    </section>
  );
}
