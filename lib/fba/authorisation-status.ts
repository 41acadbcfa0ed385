import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { amazonAuthorisations, type AUTHORISATION_STATUSES } from '@/db/schema';
import { DomainError } from '@/lib/errors';

export type AuthorisationStatus = (typeof AUTHORISATION_STATUSES)[number];

/** A "Connect with Amazon" attempt ends once, either way. */
const NEXT: Record<AuthorisationStatus, readonly AuthorisationStatus[]> = {
  Pending: ['Connected', 'Failed'],
  Connected: [],
  Failed: [],
};

export function assertAuthorisationTransition(from: AuthorisationStatus, to: AuthorisationStatus) {
  if (!NEXT[from].includes(to)) throw new DomainError('INVALID_TRANSITION', `An authorisation cannot go from ${from} to ${to}.`);
}

/**
 * Ends a Pending attempt (compare-and-set, so two callbacks cannot both end it). `message` is
 * shown to the user: Amazon's words or why the app refused, never internal error text.
 */
export async function finishAuthorisation(
  db: Db | Tx,
  id: string,
  to: Exclude<AuthorisationStatus, 'Pending'>,
  fields: { message?: string | null; sellerId?: string | null; resultId?: string | null },
): Promise<void> {
  assertAuthorisationTransition('Pending', to);
  const rows = await db
    .update(amazonAuthorisations)
    .set({ status: to, message: fields.message ?? null, sellerId: fields.sellerId ?? null, resultId: fields.resultId ?? null })
    .where(and(eq(amazonAuthorisations.id, id), eq(amazonAuthorisations.status, 'Pending')))
    .returning({ id: amazonAuthorisations.id });
  if (rows.length === 0) throw new DomainError('STALE_STATE', 'This authorisation has already ended; start again.');
}
