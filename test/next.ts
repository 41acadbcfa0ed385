/**
 * Stand-ins for the parts of Next.js a server action or route handler touches outside a request.
 * vi.mock() must stay in the test file (it is hoisted there), so each test file says
 *   vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
 *   vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));
 *   vi.mock('next/server', (original) => import('@/test/next').then((m) => m.nextServer(original)));
 * and these factories are the one copy of what they return.
 */

/** Cache invalidation is a no-op outside a Next server. */
export function nextCache() {
  return { revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {} };
}

/** What a test sees when an action redirects: the thrown error carries the target in `to`. */
export type Redirected = Error & { to: string; digest: string };

/**
 * redirect() throws with Next's digest, as the real one does, so the action wrapper lets it through
 * (unstable_rethrow) instead of reporting it; the rest of next/navigation stays real.
 */
export async function nextNavigation(original: () => Promise<unknown>) {
  return {
    ...((await original()) as typeof import('next/navigation')),
    redirect: (to: string): never => {
      throw Object.assign(new Error('NEXT_REDIRECT'), { to, digest: `NEXT_REDIRECT;replace;${to};307;` }) as Redirected;
    },
  };
}

/** connection() only matters during a build; outside a request it would throw. */
export async function nextServer(original: () => Promise<unknown>) {
  return { ...((await original()) as typeof import('next/server')), connection: async () => {} };
}

/** The path an action redirected to (the action must redirect). */
export async function redirectTarget(result: Promise<unknown>): Promise<string> {
  try {
    await result;
  } catch (e) {
    if (typeof (e as Partial<Redirected>).to === 'string') return (e as Redirected).to;
    throw e;
  }
  throw new Error('expected a redirect');
}
