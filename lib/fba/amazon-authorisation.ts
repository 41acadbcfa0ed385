import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { amazonAuthorisations, amazonStores } from '@/db/schema';
import { can, PERMISSION, type SessionUser } from '@/lib/auth/permissions';
import { DomainError, isDomainError, reportUnexpected, unexpectedMessage } from '@/lib/errors';
import { insertAmazonStore, storeSubject, type NewAmazonStore } from './amazon-stores';
import {
  AuthorisationCallbackInput,
  FbaAuthorisationRequest,
  StoreAuthorisationRequest,
  type AmazonStoreAuthoriseData,
  type FbaAuthoriseData,
} from './authorisation-inputs';
import { authorisationStatus, type AuthorisationStatus } from './authorisation-status';
import { fbaSubject, insertFbaConnection, type NewFbaConnection } from './connections';
import { refusingFbaDuplicates, refusingStoreDuplicates } from './duplicate-connections';
import { verifySellerCredentials } from './seller-check';
import { isSpApiError } from './sp-api';
import { amazonReason, consentUrlFor, exchangeCodeFor } from './connection-client';

// "Connect with Amazon": Amazon's website authorisation workflow. The app records an attempt and
// sends the browser to Seller Central's consent page with a random state; Amazon sends it back to
// the callback with that state, the seller's id and a one-time code, which the app exchanges for
// the seller's refresh token. The Seller ID then comes from Amazon, not from what someone typed.

export const AUTHORISATION_CALLBACK_PATH = '/integration/amazon/callback';
/** Long enough to sign in at Amazon and read the consent page; the code itself lives 5 minutes. */
const ATTEMPT_LIFETIME_MS = 10 * 60_000;

/** Where Amazon sends the browser back: the public URL of the app (NEXTAUTH_URL), else the request's origin. */
export function authorisationRedirectUri(requestOrigin: string): string {
  return `${(process.env.NEXTAUTH_URL || requestOrigin).replace(/\/+$/, '')}${AUTHORISATION_CALLBACK_PATH}`;
}

// The state is 256 random bits, so a plain hash suffices to keep it out of the table.
const hashState = (state: string) => crypto.createHash('sha256').update(state).digest('hex');

export type AuthorisationStart = { purpose: 'store'; input: AmazonStoreAuthoriseData } | { purpose: 'fba'; input: FbaAuthoriseData };

/** Records a Pending attempt (only the state's hash) and returns the consent page to send the browser to. */
export async function startAmazonAuthorisation(db: Db, start: AuthorisationStart, ctx: { userId: string; redirectUri: string; now?: Date }): Promise<string> {
  const state = crypto.randomBytes(32).toString('base64url');
  const marketplaceId = start.purpose === 'store' ? start.input.marketplaceIds[0] : start.input.marketplaceId;
  // Built first: an endpoint without a configured app is refused before anything is written.
  const consentUrl = consentUrlFor(start.input.endpoint, marketplaceId, { state, redirectUri: ctx.redirectUri });
  const request = start.purpose === 'store' ? { name: start.input.name, marketplaceIds: start.input.marketplaceIds } : { marketplaceId, locationId: start.input.locationId };
  await db.insert(amazonAuthorisations).values({
    stateHash: hashState(state),
    userId: ctx.userId,
    purpose: start.purpose,
    endpoint: start.input.endpoint,
    request,
    expiresAt: new Date((ctx.now ?? new Date()).getTime() + ATTEMPT_LIFETIME_MS),
  });
  return consentUrl;
}

export type CallbackOutcome =
  | { kind: 'connected'; purpose: 'fba'; connectionId: string }
  | { kind: 'connected'; purpose: 'store'; attemptId: string }
  | { kind: 'failed'; purpose: 'store' | 'fba'; attemptId: string }
  /** No attempt of this user to report on: the state is unknown, or another user's. */
  | { kind: 'refused'; reason: RefusalReason };

export type RefusalReason = 'unknown' | 'other-user';

export const REFUSAL_MESSAGES: Record<RefusalReason, string> = {
  unknown: 'This answer from Amazon does not belong to a Connect with Amazon started here, so nothing was connected. Start again.',
  'other-user': 'This authorisation was started by another user, so it was not used and nothing was connected. Start again yourself.',
};

type Attempt = typeof amazonAuthorisations.$inferSelect;

/**
 * The callback: accepts a state once, for the user who started it, holding the permission,
 * before it expires. The code is exchanged and the seller verified outside any transaction; then
 * one transaction writes the store or the FBA connection (+ its location) and marks the attempt.
 * Every refusal ends the attempt as Failed with a message for the form.
 */
export async function completeAmazonAuthorisation(db: Db, query: Record<string, string>, ctx: { user: SessionUser; redirectUri: string; now?: Date }): Promise<CallbackOutcome> {
  const parsed = AuthorisationCallbackInput.safeParse(query);
  if (!parsed.success) return { kind: 'refused', reason: 'unknown' };
  const answer = parsed.data;
  const now = ctx.now ?? new Date();
  const stateHash = hashState(answer.state);
  // Accepting the state is a compare-and-set on finished_at: of two requests with one state (a
  // replayed link, a double submit) only one gets the row; the status is set when the work ends.
  const [attempt] = await db
    .update(amazonAuthorisations)
    .set({ finishedAt: now })
    .where(and(eq(amazonAuthorisations.stateHash, stateHash), isNull(amazonAuthorisations.finishedAt)))
    .returning();
  if (!attempt) return answerAgain(db, stateHash, ctx.user.id);

  const sellerId = answer.selling_partner_id ?? null;
  const fail = async (message: string): Promise<CallbackOutcome> => {
    await finishAuthorisation(db, attempt.id, 'Failed', { message, sellerId });
    return { kind: 'failed', purpose: attempt.purpose, attemptId: attempt.id };
  };
  if (attempt.userId !== ctx.user.id) {
    await finishAuthorisation(db, attempt.id, 'Failed', { message: 'Refused: Amazon’s answer reached the app in another user’s session.', sellerId });
    return { kind: 'refused', reason: 'other-user' };
  }
  if (!can(ctx.user, PERMISSION.fba)) return fail(`Not allowed: you need the ${PERMISSION.fba} permission.`);
  if (attempt.expiresAt <= now) return fail('This authorisation expired; start again.');
  if (answer.error === 'access_denied') return fail('The authorisation was cancelled at Amazon, so nothing was connected. Start again to connect.');
  if (answer.error) return fail(`Amazon did not authorise the app (${answer.error}). Start again.`);
  if (!answer.spapi_oauth_code || !sellerId) return fail('Amazon’s answer had no authorisation code or no valid Seller ID, so nothing was connected. Start again.');
  try {
    return await connectAuthorised(db, attempt, { code: answer.spapi_oauth_code, sellerId }, ctx);
  } catch (e) {
    if (isDomainError(e)) return fail(e.message);
    const reference = reportUnexpected(e, { where: 'Connect with Amazon callback', userId: ctx.user.id });
    return fail(unexpectedMessage(reference));
  }
}

/** A state seen before (a reload of the callback): where its attempt ended, for the same user only. */
async function answerAgain(db: Db, stateHash: string, userId: string): Promise<CallbackOutcome> {
  const [seen] = await db.select().from(amazonAuthorisations).where(eq(amazonAuthorisations.stateHash, stateHash));
  if (!seen) return { kind: 'refused', reason: 'unknown' };
  if (seen.userId !== userId) return { kind: 'refused', reason: 'other-user' };
  if (seen.status === 'Connected' && seen.resultId)
    return seen.purpose === 'fba' ? { kind: 'connected', purpose: 'fba', connectionId: seen.resultId } : { kind: 'connected', purpose: 'store', attemptId: seen.id };
  return { kind: 'failed', purpose: seen.purpose, attemptId: seen.id };
}

async function exchangeCode(attempt: Attempt, code: string, redirectUri: string): Promise<string> {
  try {
    return await exchangeCodeFor(attempt.endpoint, code, redirectUri);
  } catch (e) {
    if (isSpApiError(e)) throw new DomainError('AMAZON_ERROR', `Amazon refused the authorisation, so nothing was connected. ${amazonReason(e)}`);
    throw e;
  }
}

function readRequest<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, attempt: Attempt): T {
  const parsed = schema.safeParse(attempt.request);
  if (!parsed.success) throw new DomainError('INVALID_INPUT', 'This authorisation’s choices could not be read back; start again.');
  return parsed.data;
}

/**
 * Ends a Pending attempt through its status table (compare-and-set, so two callbacks cannot both
 * end it). `message` is shown to the user: Amazon's words or why the app refused, never internal error text.
 */
async function finishAuthorisation(
  db: Db | Tx,
  id: string,
  to: Exclude<AuthorisationStatus, 'Pending'>,
  fields: { message?: string | null; sellerId?: string | null; resultId?: string | null },
): Promise<void> {
  await authorisationStatus.write('Pending', to, {
    update: async () =>
      (
        await db
          .update(amazonAuthorisations)
          .set({ status: to, message: fields.message ?? null, sellerId: fields.sellerId ?? null, resultId: fields.resultId ?? null })
          .where(and(eq(amazonAuthorisations.id, id), eq(amazonAuthorisations.status, 'Pending')))
          .returning({ id: amazonAuthorisations.id })
      )[0],
    current: async () => {
      const [row] = await db.select({ status: amazonAuthorisations.status }).from(amazonAuthorisations).where(eq(amazonAuthorisations.id, id));
      return row && { label: 'This authorisation', status: row.status };
    },
  });
}

async function connectAuthorised(db: Db, attempt: Attempt, answer: { code: string; sellerId: string }, ctx: { user: SessionUser; redirectUri: string }): Promise<CallbackOutcome> {
  const { sellerId } = answer;
  const failed: CallbackOutcome = { kind: 'failed', purpose: attempt.purpose, attemptId: attempt.id };
  if (attempt.purpose === 'store') {
    const request = readRequest(StoreAuthorisationRequest, attempt);
    const refreshToken = await exchangeCode(attempt, answer.code, ctx.redirectUri);
    const verified = await verifySellerCredentials({ endpoint: attempt.endpoint, refreshToken, marketplaceIds: request.marketplaceIds });
    const store: NewAmazonStore = { ...request, sellerId, endpoint: attempt.endpoint, refreshToken, amazonStoreName: verified.storeName, sellerSource: 'trusted' };
    return refusingStoreDuplicates(db, storeSubject(store), () =>
      db.transaction(async (tx): Promise<CallbackOutcome> => {
        const result = await insertAmazonStore(tx, store, ctx.user.id);
        if ('refused' in result) {
          await finishAuthorisation(tx, attempt.id, 'Failed', { message: result.refused.message, sellerId });
          return failed;
        }
        await finishAuthorisation(tx, attempt.id, 'Connected', { sellerId, resultId: result.store.id });
        return { kind: 'connected', purpose: 'store', attemptId: attempt.id };
      }),
    );
  }
  const request = readRequest(FbaAuthorisationRequest, attempt);
  const refreshToken = await exchangeCode(attempt, answer.code, ctx.redirectUri);
  const verified = await verifySellerCredentials({ endpoint: attempt.endpoint, refreshToken, marketplaceIds: [request.marketplaceId] });
  const conn: NewFbaConnection = {
    sellerId,
    marketplaceId: request.marketplaceId,
    endpoint: attempt.endpoint,
    refreshToken,
    refreshTokenEnc: null,
    amazonStoreId: null,
    locationId: request.locationId,
    storeName: verified.storeName,
    sellerSource: 'trusted',
    field: 'marketplaceId',
  };
  return refusingFbaDuplicates(db, fbaSubject(conn), () =>
    db.transaction(async (tx): Promise<CallbackOutcome> => {
      const result = await insertFbaConnection(tx, conn, ctx.user.id);
      if ('refused' in result) {
        await finishAuthorisation(tx, attempt.id, 'Failed', { message: result.refused.message, sellerId });
        return failed;
      }
      await finishAuthorisation(tx, attempt.id, 'Connected', { sellerId, resultId: result.connection.id });
      return { kind: 'connected', purpose: 'fba', connectionId: result.connection.id };
    }),
  );
}

export type AuthorisationAttempt = {
  id: string;
  purpose: 'store' | 'fba';
  status: 'Pending' | 'Connected' | 'Failed';
  endpoint: string;
  request: Record<string, unknown>;
  /** What the form shows about it. */
  message: string;
  storeName: string | null;
  amazonStoreName: string | null;
};

/** An attempt for its own user's form (another user's is not shown), with the store it created. */
export async function getAuthorisationAttempt(db: Db, id: string, userId: string): Promise<AuthorisationAttempt | null> {
  const [row] = await db
    .select({
      id: amazonAuthorisations.id,
      purpose: amazonAuthorisations.purpose,
      status: amazonAuthorisations.status,
      endpoint: amazonAuthorisations.endpoint,
      request: amazonAuthorisations.request,
      message: amazonAuthorisations.message,
      storeName: amazonStores.name,
      amazonStoreName: amazonStores.amazonStoreName,
    })
    .from(amazonAuthorisations)
    .leftJoin(amazonStores, and(eq(amazonAuthorisations.purpose, 'store'), eq(amazonStores.id, amazonAuthorisations.resultId)))
    .where(and(eq(amazonAuthorisations.id, id), eq(amazonAuthorisations.userId, userId)));
  if (!row) return null;
  const message = row.message ?? (row.status === 'Pending' ? 'This authorisation is still being completed or was interrupted. If nothing was connected, start again.' : '');
  return { ...row, message };
}
