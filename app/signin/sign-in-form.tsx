'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { ScriptButton } from '@/components/ui/script-controls';
import { signInErrorMessage } from '@/lib/auth/sign-in-errors';
import { safeNextPath } from '@/lib/http/safe-redirect';

export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    let res: Awaited<ReturnType<typeof signIn>> | undefined;
    try {
      res = await signIn('credentials', { email: String(form.get('email')), password: String(form.get('password')), redirect: false });
    } catch {
      res = undefined; // offline or the server is down: the generic message below
    }
    if (res?.ok && !res.error) {
      // Checked again here, where the URL is followed: the page's check is one render away.
      window.location.assign(safeNextPath(next));
      return;
    }
    setPending(false);
    setError(signInErrorMessage(res?.error));
  }
  return (
    <form onSubmit={submit} className="space-y-4">
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      )}
      <div>
        <label htmlFor="email" className="mb-1 block font-medium">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className="block w-full rounded border border-slate-300 px-2.5 py-1.5" />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block font-medium">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="block w-full rounded border border-slate-300 px-2.5 py-1.5" />
      </div>
      <ScriptButton type="submit" disabled={pending} className={`${buttonClass('primary')} w-full justify-center`}>
        {pending ? 'Signing in…' : 'Sign in'}
      </ScriptButton>
    </form>
  );
}
