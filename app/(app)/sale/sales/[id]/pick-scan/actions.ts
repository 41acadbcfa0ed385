'use server';

import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { checkPickScan } from '@/lib/sale/pick-scan';
import { PickScanInput } from '@/lib/sale/sale-inputs';

/** One scan of Pick by scanning: which pick lines it confirms, or why it is refused. */
export const pickScanAction = action({ input: PickScanInput, permission: PERMISSION.sale }, async (input) => checkPickScan(await getDb(), input));
