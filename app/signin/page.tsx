import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { headerValue, isHttpsRequest } from '@/lib/http/forwarded';
import { safeNextPath } from '@/lib/http/safe-redirect';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  const h = await headers();
  // next-auth sends absolute callback URLs on its own origin (NEXTAUTH_URL); a user may have come by another name.
  const host = headerValue(h, 'x-forwarded-host')?.split(',')[0]?.trim() || headerValue(h, 'host');
  const own = [host ? `${isHttpsRequest(h) ? 'https' : 'http'}://${host}` : '', process.env.NEXTAUTH_URL ?? ''].filter(Boolean);
  const next = safeNextPath(callbackUrl, { origin: own });
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow">
        <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
        <SignInForm next={next} />
      </div>
    </main>
  );
}
