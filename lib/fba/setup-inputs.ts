import { z } from 'zod';
import { AUTO_SYNC_INTERVALS, FO_CREATE_STATUSES, ORDER_PROCESSING } from '@/db/schema';
import { isCountryCode } from '@/lib/catalog/countries';

/** Amazon's PageType values for box and shipping labels (Fulfillment Inbound getLabels). */
export const LABEL_PAGE_TYPES = [
  { value: 'PackageLabel_Letter_2', label: 'Letter, 2 labels per sheet' },
  { value: 'PackageLabel_Letter_4', label: 'Letter, 4 labels per sheet' },
  { value: 'PackageLabel_Letter_6', label: 'Letter, 6 labels per sheet' },
  { value: 'PackageLabel_A4_2', label: 'A4, 2 labels per sheet' },
  { value: 'PackageLabel_A4_4', label: 'A4, 4 labels per sheet' },
  { value: 'PackageLabel_Plain_Paper', label: 'Plain paper, 1 label per sheet' },
  { value: 'PackageLabel_Thermal', label: 'Thermal printer label' },
] as const;
const PAGE_TYPE_VALUES = LABEL_PAGE_TYPES.map((p) => p.value) as [string, ...string[]];

/** The labels of the Setup fields, used on the form and in the change log. */
export const SETUP_LABELS = {
  priceTier: 'Price Tier for downloaded products',
  foCreateStatus: 'Create FBA fulfilment order with status',
  orderProcessing: 'Manual/Automatic Order Processing',
  createMissingProducts: 'Create product if it does not exist',
  autoSync: 'Auto-Sync Stock with FBA',
  autoSyncHour: 'Start hour for auto-sync stock (UTC)',
  labelPageType: 'Labels printing',
  contactName: 'Contact name',
  contactEmail: 'Contact email',
  contactPhone: 'Contact phone',
  shipFromName: 'Ship-from name',
  shipFromLine1: 'Ship-from address line 1',
  shipFromLine2: 'Ship-from address line 2',
  shipFromCity: 'Ship-from city',
  shipFromState: 'Ship-from state / region',
  shipFromPostalCode: 'Ship-from postal code',
  shipFromCountry: 'Ship-from country',
} as const;
export type SetupField = keyof typeof SETUP_LABELS;

const optional = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : null));

export const SetupInput = z
  .object({
    id: z.uuid('Unknown connection.'),
    priceTier: z.coerce.number('Choose a price tier.').int().min(1, 'Choose a price tier.').max(10, 'Choose a price tier.'),
    foCreateStatus: z.enum(FO_CREATE_STATUSES, 'Choose On Hold or Shipped.'),
    orderProcessing: z.enum(ORDER_PROCESSING, 'Choose Manual or Automatic.'),
    createMissingProducts: z
      .string()
      .optional()
      .transform((v) => v === 'on'),
    autoSync: z.enum(AUTO_SYNC_INTERVALS, 'Choose how often stock is synced.'),
    // Absent while Auto-Sync is Never (the field is hidden then); the stored hour is kept.
    autoSyncHour: z
      .union([z.literal(''), z.coerce.number('Choose an hour.').int('Choose an hour.').min(0, 'Choose an hour from 0 to 23.').max(23, 'Choose an hour from 0 to 23.')])
      .optional()
      .transform((v) => (v === '' || v === undefined ? null : v)),
    labelPageType: z.enum(PAGE_TYPE_VALUES, 'Choose a label page type.'),
    contactName: optional(120, 'Contact name'),
    contactEmail: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(z.email('Enter an email address like name@example.com.').max(254).nullable()),
    contactPhone: optional(40, 'Phone').refine((v) => v === null || /^[+\d][\d\s().-]*$/.test(v), 'Use digits, spaces and + ( ) - only.'),
    shipFromName: optional(120, 'Name'),
    shipFromLine1: optional(180, 'Address line 1'),
    shipFromLine2: optional(180, 'Address line 2'),
    shipFromCity: optional(80, 'City'),
    shipFromState: optional(80, 'State / region'),
    shipFromPostalCode: optional(20, 'Postal code'),
    shipFromCountry: optional(2, 'Country')
      .transform((v) => v?.toUpperCase() ?? null)
      .refine((v) => v === null || isCountryCode(v), 'Choose a country (ISO 3166 two-letter code).'),
  })
  .superRefine(
    (v, ctx) => {
      // Runs even when other fields failed, so a field here may hold its raw, invalid value.
      const syncing = v.autoSync === 'Daily' || v.autoSync === 'Weekly' || v.autoSync === 'Monthly';
      if (syncing && v.autoSyncHour === null) ctx.addIssue({ code: 'custom', path: ['autoSyncHour'], message: 'Choose the hour (UTC) when stock is synced.' });
      // Amazon needs a complete ship-from address for inbound shipments, so half an address is refused now, not then.
      const address = [v.shipFromName, v.shipFromLine1, v.shipFromLine2, v.shipFromCity, v.shipFromState, v.shipFromPostalCode, v.shipFromCountry];
      if (address.some((x) => x !== null && x !== undefined && x !== '')) {
        const need = { shipFromName: 'Enter the name.', shipFromLine1: 'Enter address line 1.', shipFromCity: 'Enter the city.', shipFromPostalCode: 'Enter the postal code.', shipFromCountry: 'Choose the country.' } as const;
        for (const [k, message] of Object.entries(need)) if (v[k as keyof typeof need] === null) ctx.addIssue({ code: 'custom', path: [k], message });
      }
    },
    // Also when other fields failed, so the form shows every problem at once.
    { when: () => true },
  );
export type SetupData = z.output<typeof SetupInput>;
