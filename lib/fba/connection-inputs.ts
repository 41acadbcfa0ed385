import { z } from 'zod';
import { SP_ENDPOINTS } from '@/db/schema';
import { MARKETPLACE_ID_PATTERN } from './marketplaces';

/** The endpoint select of the connect forms: the bundled sandbox first, as it needs no Amazon app. */
export const ENDPOINT_OPTIONS = [
  { value: 'sandbox', label: 'FBA sandbox' },
  { value: 'NA', label: 'North America (NA)' },
  { value: 'EU', label: 'Europe (EU)' },
  { value: 'FE', label: 'Far East (FE)' },
] as const;

export const Endpoint = z.enum(SP_ENDPOINTS, 'Choose where Amazon is reached.').default('sandbox');
/**
 * Amazon's merchant tokens: "A" then capital letters and digits, typically 13–14 characters (the
 * sandbox's ASANDBOXSELLER1 has 15). The range is kept a little wider so an unusual real one fits.
 */
export const SELLER_ID_PATTERN = /^A[A-Z0-9]{9,19}$/;
const SELLER_ID_MESSAGE = 'A Seller ID starts with A followed by capital letters and digits, 10–20 characters, e.g. A2X9EXAMPLE7KQ (Seller Central → Settings → Account Info → Merchant Token).';
const SellerId = z.string(SELLER_ID_MESSAGE).trim().toUpperCase().regex(SELLER_ID_PATTERN, SELLER_ID_MESSAGE);
const RefreshToken = z
  .string('Enter the MWS Auth Token.')
  .trim()
  .min(1, 'Enter the MWS Auth Token.')
  .max(2000, 'That token is too long to be an Amazon token.');
export const MarketplaceId = z.string().trim().toUpperCase().regex(MARKETPLACE_ID_PATTERN, 'A Marketplace ID is 8–20 letters and digits, e.g. ATVPDKIKX0DER.');
/** "" means "Create a new location"; otherwise the ID of the location the user picked. */
export const LocationChoice = z
  .union([z.literal(''), z.uuid('Choose a location.')])
  .optional()
  .transform((v) => v || null);

/**
 * A field's text as the refinements below read it. They run even when a field failed its own
 * schema, so they may meet its raw value: a repeated field (an array), or nothing; that reads as ''.
 */
const textOf = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** Free entry: IDs separated by commas or spaces, in addition to the ticked ones. */
function splitIds(raw: unknown): string[] {
  return textOf(raw)
    .split(/[\s,;]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}

type MarketplaceGroup = { marketplaceIds?: unknown; otherMarketplaceIds?: unknown };

const tickedIds = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Ticked and typed marketplaces together: at least one, every typed one well formed. */
export function refineMarketplaceGroup(v: MarketplaceGroup, ctx: z.RefinementCtx) {
  const typed = splitIds(v.otherMarketplaceIds);
  const bad = typed.filter((id) => !MARKETPLACE_ID_PATTERN.test(id));
  if (bad.length) ctx.addIssue({ code: 'custom', path: ['otherMarketplaceIds'], message: `Not a Marketplace ID: ${bad.join(', ')}.` });
  if (typed.length === 0 && tickedIds(v.marketplaceIds).length === 0) ctx.addIssue({ code: 'custom', path: ['marketplaceIds'], message: 'Tick at least one marketplace, or type its ID.' });
}

export function mergeMarketplaceIds(v: MarketplaceGroup): string[] {
  return [...new Set([...tickedIds(v.marketplaceIds), ...splitIds(v.otherMarketplaceIds)])];
}

export const AmazonStoreInput = z
  .object({
    name: z.string('Enter a name.').trim().min(1, 'Enter a name.').max(100, 'At most 100 characters.'),
    sellerId: SellerId,
    marketplaceIds: z.array(MarketplaceId).default([]),
    otherMarketplaceIds: z.string().optional(),
    refreshToken: RefreshToken,
    endpoint: Endpoint,
  })
  // Also when other fields failed, so the form shows every problem at once.
  .superRefine(refineMarketplaceGroup, { when: () => true })
  .transform((v) => ({ name: v.name, sellerId: v.sellerId, marketplaceIds: mergeMarketplaceIds(v), refreshToken: v.refreshToken, endpoint: v.endpoint }));
export type AmazonStoreData = z.output<typeof AmazonStoreInput>;

/** Checkbox groups arrive as repeated fields. */
export function readAmazonStoreForm(form: FormData) {
  const one = (k: string) => (typeof form.get(k) === 'string' ? (form.get(k) as string) : undefined);
  return {
    name: one('name'),
    sellerId: one('sellerId'),
    marketplaceIds: form.getAll('marketplaceIds').filter((v): v is string => typeof v === 'string'),
    otherMarketplaceIds: one('otherMarketplaceIds'),
    refreshToken: one('refreshToken'),
    endpoint: one('endpoint') || undefined,
  };
}

type OneMarketplace = { marketplaceId?: unknown; otherMarketplaceId?: unknown };

/** One marketplace, picked from the list or typed: a typed ID wins, so one missing from the list can still be used. */
export function refineOneMarketplace(v: OneMarketplace, ctx: z.RefinementCtx) {
  const other = textOf(v.otherMarketplaceId);
  const raw = oneMarketplaceId(v);
  if (!raw) ctx.addIssue({ code: 'custom', path: ['marketplaceId'], message: 'Choose a marketplace, or type its ID.' });
  else if (!MARKETPLACE_ID_PATTERN.test(raw))
    ctx.addIssue({ code: 'custom', path: [other ? 'otherMarketplaceId' : 'marketplaceId'], message: 'A Marketplace ID is 8–20 letters and digits, e.g. ATVPDKIKX0DER.' });
}

export function oneMarketplaceId(v: OneMarketplace): string {
  return (textOf(v.otherMarketplaceId) || textOf(v.marketplaceId)).toUpperCase();
}

/** "Connect manually": one marketplace, picked from the list or typed (the typed one wins). */
export const ManualConnectInput = z
  .object({
    sellerId: SellerId,
    marketplaceId: z.string().optional(),
    otherMarketplaceId: z.string().optional(),
    refreshToken: RefreshToken,
    endpoint: Endpoint,
    locationId: LocationChoice,
  })
  .superRefine(refineOneMarketplace, { when: () => true })
  .transform((v) => ({ mode: 'manual' as const, sellerId: v.sellerId, marketplaceId: oneMarketplaceId(v), refreshToken: v.refreshToken, endpoint: v.endpoint, locationId: v.locationId }));

/** "Use an existing Amazon connection": the option value is "<storeId>|<marketplaceId>". */
export const StoreConnectInput = z
  .object({
    store: z.string('Choose an Amazon store.').regex(/^[0-9a-f-]{36}\|[A-Z0-9]{8,20}$/i, 'Choose an Amazon store.'),
    locationId: LocationChoice,
  })
  .transform((v) => {
    const [storeId, marketplaceId] = v.store.split('|');
    return { mode: 'store' as const, storeId, marketplaceId: marketplaceId.toUpperCase(), locationId: v.locationId };
  });

export type ConnectRequest = z.output<typeof ManualConnectInput> | z.output<typeof StoreConnectInput>;

export const ConnectionIdInput = z.object({ id: z.uuid('Unknown connection.') });
