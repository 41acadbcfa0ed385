import { isCountryCode } from '@/lib/catalog/countries';
import { optionalText, requiredText } from './text';

/**
 * A ship-to address as Amazon takes it in a fulfilment order (Fulfillment Outbound's Address:
 * name 50, lines 60, city 50, state/region 150, postal code 20, ISO country, phone). A sale's
 * ship-to becomes a fulfilment order's, so both forms check the same limits: an address Amazon
 * would refuse is refused at its field instead of failing at Amazon later.
 */
export const shipToFields = {
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
};

/** DisplayableOrderComment: Amazon prints it on the packing slip, at most 750 characters. */
export const packingSlipComment = optionalText('Comment', 750);
