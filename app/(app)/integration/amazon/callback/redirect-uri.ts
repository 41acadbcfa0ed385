import { headers } from 'next/headers';
import { authorisationRedirectUri } from '@/lib/fba/amazon-authorisation';

/**
 * The callback URL for a consent page opened from a server action. NEXTAUTH_URL wins; without it
 * the origin the browser posted from (server actions are same-origin POSTs, so Origin is set).
 */
export async function callbackRedirectUri(): Promise<string> {
  const h = await headers();
  const origin = h.get('origin') ?? `${h.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http'}://${h.get('host') ?? 'localhost'}`;
  return authorisationRedirectUri(origin);
}
