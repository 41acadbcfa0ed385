'use server';

import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { authorisePackContents } from '@/lib/sale/pack';
import { checkPackScan } from '@/lib/sale/pick-scan';
import { PackScanInput, ScanCodeInput } from '@/lib/sale/sale-inputs';
import { done } from '../../stage-done';

/** One scan of Pack by scanning: which picked lines it may go to, or why it is refused. */
export const packScanAction = action({ input: ScanCodeInput, permission: PERMISSION.sale }, async (input) => checkPackScan(await getDb(), input));

/** Authorise Pack with the boxes as scanned. */
export const packScanAuthoriseAction = action({ input: PackScanInput, permission: PERMISSION.sale }, async (input, { user }) => {
  await authorisePackContents(await getDb(), input.saleId, input.contents, user.id);
  done(input.saleId, 'Pack', 'pack');
});
