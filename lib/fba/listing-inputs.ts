import { z } from 'zod';

/** The Catalog's Force Sync button. */
export const ForceSyncInput = z.object({ connectionId: z.uuid('Unknown FBA connection.') });

/**
 * The Product Info window's mapping form: "Save mapping" maps the listing to the product with this
 * SKU; "Clear mapping" leaves it unmapped on purpose (automatic mapping will not redo it).
 */
export const MapListingInput = z
  .object({
    connectionId: z.uuid('Unknown FBA connection.'),
    listingId: z.uuid('Unknown listing.'),
    intent: z.enum(['save', 'clear']).default('save'),
    sku: z.string().trim().max(100, 'A SKU is at most 100 characters.').default(''),
  })
  .refine((v) => v.intent === 'clear' || v.sku !== '', { path: ['sku'], message: 'Enter the SKU of a product, or press Clear mapping.' });
export type MapListingInput = z.infer<typeof MapListingInput>;
