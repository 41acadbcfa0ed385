import { z } from 'zod';

export const LocationNameInput = z.object({ name: z.string().trim().min(1, 'Enter a name.').max(100, 'At most 100 characters.') });
export const RenameLocationInput = LocationNameInput.extend({ id: z.uuid() });
export const IdInput = z.object({ id: z.uuid() });
export const AddBinInput = z.object({ locationId: z.uuid(), name: z.string().trim().min(1, 'Enter a bin name.').max(50, 'At most 50 characters.') });
export const CompanySettingsInput = z.object({
  companyName: z.string().trim().min(1, 'Enter the company name.').max(120),
  baseCurrency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter ISO currency code, e.g. USD.'),
});
