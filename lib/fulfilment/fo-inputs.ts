import { z } from 'zod';
import { SHIPPING_OPTIONS } from '@/lib/sale/shipping-options';
import { packingSlipComment, shipToFields } from '@/lib/validation/address';
import { Id } from '@/lib/validation/id';

/** Process, Void, Ship, Cancel, Refresh status: the order the button was on. */
export const FoIdInput = z.object({ id: Id });

/**
 * Edit/Save of an order's ship-to address, comment and shipping speed. The limits are Amazon's
 * (Address of Fulfillment Outbound 2020-07-01; DisplayableOrderComment up to 750 characters), so an
 * edit Amazon would refuse is refused here, next to its field.
 */
export const FoEditInput = z.object({
  id: Id,
  ...shipToFields,
  comment: packingSlipComment,
  shippingSpeed: z.enum(SHIPPING_OPTIONS, 'Choose Standard, Expedited or Priority.'),
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
