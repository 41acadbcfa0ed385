import { z } from 'zod';
import { isCountryCode } from './countries';

const optional = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters.`)
    .transform((v) => (v === '' ? null : v));

export const CustomerInput = z.object({
  id: z.union([z.literal(''), z.uuid()]).optional().transform((v) => v || null),
  name: z.string().trim().min(1, 'Name is required.').max(120, 'Name is at most 120 characters.'),
  contactName: optional(120, 'Contact name'),
  email: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(z.email('Enter an email address like name@example.com.').max(254).nullable()),
  phone: optional(40, 'Phone').refine((v) => v === null || /^[+\d][\d\s().-]*$/.test(v), 'Use digits, spaces and + ( ) - only.'),
  billingAddress: optional(500, 'Billing address'),
  shippingLine1: optional(120, 'Address line 1'),
  shippingLine2: optional(120, 'Address line 2'),
  shippingCity: optional(80, 'City'),
  shippingState: optional(80, 'State / region'),
  shippingPostalCode: optional(20, 'Postal code'),
  shippingCountry: optional(2, 'Country')
    .transform((v) => v?.toUpperCase() ?? null)
    .refine((v) => v === null || isCountryCode(v), 'Choose a country (ISO 3166 two-letter code).'),
  priceTier: z.coerce.number('Choose a price tier.').int().min(1, 'Choose a price tier.').max(10, 'Choose a price tier.'),
});

export type CustomerData = z.output<typeof CustomerInput>;
