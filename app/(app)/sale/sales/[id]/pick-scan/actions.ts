'use server';

import { z } from 'zod';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { checkPickScan } from '@/lib/sale/pick-scan';
import { Id } from '@/lib/validation/id';
import { requiredText } from '@/lib/validation/text';

const PickScanInput = z.object({
  saleId: Id,
  code: requiredText('Code', 100),
  binId: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(Id.nullable()),
});

/** One scan of Pick by scanning: which pick lines it confirms, or why it is refused. */
export const pickScanAction = action({ input: PickScanInput, permission: PERMISSION.sale }, async (input) => checkPickScan(await getDb(), input));
