import { z } from 'zod';
import type { SHIPPING_OPTIONS } from '@/db/schema';
import { isCountryCode } from '@/lib/catalog/countries';
import { Id } from '@/lib/validation/id';
import { optionalText, requiredText } from '@/lib/validation/text';

/** Amazon's shipping speeds a person may choose (the sale's shipping options); no database code here, the edit form imports this. */
export const FO_SHIPPING_SPEEDS = ['Standard', 'Expedited', 'Priority'] as const satisfies readonly (typeof SHIPPING_OPTIONS)[number][];

/** Process, Void, Ship, Cancel, Refresh status: the order the button was on. */
export const FoIdInput = z.object({ id: Id });

/**
 * Edit/Save of an order's ship-to address, comment and shipping speed. The limits are Amazon's
 * (Address of Fulfillment Outbound 2020-07-01; DisplayableOrderComment up to 750 characters), so an
 * edit Amazon would refuse is refused here, next to its field.
 */
export const FoEditInput = z.object({
  id: Id,
  shipToName: requiredText('Name', 50),
  shipToLine1: requiredText('Address line 1', 60),
  shipToLine2: optionalText('Address line 2', 60),
  shipToCity: requiredText('City', 50),
  shipToState: optionalText('State / region', 150),
  shipToPostalCode: requiredText('Postal code', 20),
  shipToCountry: requiredText('Country', 2)
    .transform((v) => v.toUpperCase())
    .refine(isCountryCode, 'Choose a country (ISO 3166 two-letter code).'),
  shipToPhone: optionalText('Phone', 20).refine((v) => v === null || /^[+\d][\d\s().-]*$/.test(v), 'Use digits, spaces and + ( ) - only.'),
  comment: optionalText('Comment', 750),
  shippingSpeed: z.enum(FO_SHIPPING_SPEEDS, 'Choose Standard, Expedited or Priority.'),
});
export type FoEditData = z.output<typeof FoEditInput>;

/** The form's field labels (the page and the tests use the same words). */
export const FO_EDIT_LABELS: Record<Exclude<keyof FoEditData, 'id'>, string> = {
  shipToName: 'Name',
  shipToLine1: 'Address line 1',
  shipToLine2: 'Address line 2',
  shipToCity: 'City',
  shipToState: 'State / region',
  shipToPostalCode: 'Postal code',
  shipToCountry: 'Country',
  shipToPhone: 'Phone',
  comment: 'Comment (printed on the packing slip)',
  shippingSpeed: 'Shipping speed',
};
