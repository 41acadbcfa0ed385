import { z } from 'zod';
import { Id } from '@/lib/validation/id';

const optionalLocation = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(Id.nullable());

/** Integration → Amazon → [store] → Setup: where its orders are sold from, from when, and the 15-minute download. */
export const StoreOrdersSetupInput = z
  .object({
    storeId: Id,
    afnLocationId: optionalLocation,
    mfnLocationId: optionalLocation,
    ordersFrom: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2026-11-01.')
      .transform((d) => new Date(`${d}T00:00:00Z`))
      .refine((d) => !Number.isNaN(d.getTime()), 'Enter a real date.'),
    ordersEnabled: z.literal('on').optional().transform(Boolean),
  })
  .superRefine((v, ctx) => {
    if (!v.afnLocationId && !v.mfnLocationId) ctx.addIssue({ code: 'custom', path: ['afnLocationId'], message: 'Choose where Amazon-fulfilled orders, merchant-fulfilled orders, or both are sold from.' });
  });

export type StoreOrdersSetup = z.output<typeof StoreOrdersSetupInput>;
