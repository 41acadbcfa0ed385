import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { authorisationRedirectUri, completeAmazonAuthorisation, type CallbackOutcome } from '@/lib/fba/amazon-authorisation';
import { route } from '@/lib/http/route';

/** Where the browser goes next: the new connection's Setup, the stores page, or back to the form with the attempt's message. */
function nextPath(outcome: CallbackOutcome): string {
  switch (outcome.kind) {
    case 'connected':
      return outcome.purpose === 'fba' ? `/integration/fba/${outcome.connectionId}/setup?connected=1` : `/integration/amazon?attempt=${outcome.attemptId}`;
    case 'failed':
      return outcome.purpose === 'fba' ? `/integration/fba/new?tab=amazon&attempt=${outcome.attemptId}` : `/integration/amazon?attempt=${outcome.attemptId}`;
    case 'refused':
      return `/integration/fba/new?tab=amazon&refused=${outcome.reason}`;
  }
}

/**
 * Amazon's consent page sends the browser here (a GET, as OAuth requires) with state,
 * selling_partner_id and spapi_oauth_code. The permission is checked by the lib function, so a
 * refused callback still closes its attempt with a reason.
 */
export const GET = route({ access: 'signed-in' }, async ({ req, user, query }) => {
  const db = await getDb();
  const answer = Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  const outcome = await completeAmazonAuthorisation(db, answer, { user, redirectUri: authorisationRedirectUri(req!.nextUrl.origin) });
  if (outcome.kind === 'connected') {
    revalidatePath(outcome.purpose === 'fba' ? '/integration/fba' : '/integration/amazon');
    revalidatePath('/settings/reference-books/locations');
  }
  // A relative Location: the browser resolves it against the address it actually used.
  return new Response(null, { status: 303, headers: { Location: nextPath(outcome), 'Cache-Control': 'no-store' } });
});
