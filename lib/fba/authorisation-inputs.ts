import { z } from 'zod';
import { ENDPOINT_OPTIONS, Endpoint, LocationChoice, MarketplaceId, mergeMarketplaceIds, oneMarketplaceId, refineMarketplaceGroup, refineOneMarketplace, SELLER_ID_PATTERN } from './connection-inputs';
import { findMarketplace } from './marketplaces';

// The forms of "Connect with Amazon" (Amazon's website authorisation workflow) and the answer
// Amazon's consent page sends back to the callback.

const endpointLabel = (e: string) => ENDPOINT_OPTIONS.find((o) => o.value === e)?.label ?? e;

/**
 * A marketplace of Amazon's list is served by one region: its consent page and API live there.
 * The sandbox serves every marketplace.
 */
function refineRegion(endpoint: unknown, ids: string[], path: string, ctx: z.RefinementCtx) {
  // Runs even when the endpoint failed its own schema: then there is no region to compare.
  if (typeof endpoint !== 'string' || endpoint === 'sandbox') return;
  const elsewhere = ids.map((id) => findMarketplace(id)).filter((m) => m !== undefined && m.region !== endpoint);
  for (const m of elsewhere)
    ctx.addIssue({ code: 'custom', path: [path], message: `${m!.name} is served by Amazon's ${endpointLabel(m!.region)} endpoint, not ${endpointLabel(endpoint)}.` });
}

/** Integration → Amazon → Connect with Amazon: the store's name and marketplaces; Amazon supplies the rest. */
export const AmazonStoreAuthoriseInput = z
  .object({
    name: z.string('Enter a name.').trim().min(1, 'Enter a name.').max(100, 'At most 100 characters.'),
    marketplaceIds: z.array(MarketplaceId).default([]),
    otherMarketplaceIds: z.string().optional(),
    endpoint: Endpoint,
  })
  .superRefine(
    (v, ctx) => {
      refineMarketplaceGroup(v, ctx);
      refineRegion(v.endpoint, mergeMarketplaceIds(v), 'marketplaceIds', ctx);
    },
    { when: () => true },
  )
  .transform((v) => ({ name: v.name, marketplaceIds: mergeMarketplaceIds(v), endpoint: v.endpoint }));
export type AmazonStoreAuthoriseData = z.output<typeof AmazonStoreAuthoriseInput>;

/** Integration → Fulfilment by Amazon → + → Connect with Amazon: the marketplace, endpoint and location. */
export const FbaAuthoriseInput = z
  .object({
    marketplaceId: z.string().optional(),
    otherMarketplaceId: z.string().optional(),
    endpoint: Endpoint,
    locationId: LocationChoice,
  })
  .superRefine(
    (v, ctx) => {
      refineOneMarketplace(v, ctx);
      refineRegion(v.endpoint, [oneMarketplaceId(v)], typeof v.otherMarketplaceId === 'string' && v.otherMarketplaceId.trim() ? 'otherMarketplaceId' : 'marketplaceId', ctx);
    },
    { when: () => true },
  )
  .transform((v) => ({ marketplaceId: oneMarketplaceId(v), endpoint: v.endpoint, locationId: v.locationId }));
export type FbaAuthoriseData = z.output<typeof FbaAuthoriseInput>;

/** What an attempt keeps of its form, read back when Amazon answers. */
export const StoreAuthorisationRequest = z.object({ name: z.string().min(1), marketplaceIds: z.array(z.string()).min(1) });
export const FbaAuthorisationRequest = z.object({ marketplaceId: z.string().min(1), locationId: z.uuid().nullable() });

/**
 * The query Amazon's consent page sends the browser back with. Only `state` is needed to find the
 * attempt; the rest is checked once it is found, so a bad answer still closes the attempt.
 */
export const AuthorisationCallbackInput = z.object({
  state: z.string().min(1).max(1024),
  selling_partner_id: z.string().trim().regex(SELLER_ID_PATTERN).optional().catch(undefined),
  spapi_oauth_code: z.string().min(1).max(2000).optional().catch(undefined),
  // Only LWA's short codes are kept; anything else is treated as an unnamed refusal.
  error: z
    .string()
    .regex(/^[a-z_]{1,64}$/)
    .optional()
    .catch((ctx) => (ctx.value === undefined ? undefined : 'unknown_error')),
});
export type AuthorisationCallback = z.output<typeof AuthorisationCallbackInput>;
