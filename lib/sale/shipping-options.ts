import type { SHIPPING_OPTIONS as STORED } from '@/db/schema';

/**
 * The seed's shipping options, which map one to one onto Amazon's ShippingSpeedCategory. Written
 * out (not imported) so a client form does not pull the schema into the browser; the type keeps
 * the two lists equal.
 */
export const SHIPPING_OPTIONS = ['Standard', 'Expedited', 'Priority'] as const satisfies readonly (typeof STORED)[number][];
