import { z } from 'zod';
import { dayField } from '@/lib/validation/day';
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
    ordersFrom: dayField('2026-11-01'),
    ordersEnabled: z.literal('on').optional().transform(Boolean),
  })
  .superRefine((v, ctx) => {
    if (!v.afnLocationId && !v.mfnLocationId) ctx.addIssue({ code: 'custom', path: ['afnLocationId'], message: 'Choose where Amazon-fulfilled orders, merchant-fulfilled orders, or both are sold from.' });
  });

export type StoreOrdersSetup = z.output<typeof StoreOrdersSetupInput>;
