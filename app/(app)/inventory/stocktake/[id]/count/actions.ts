'use server';

import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { ScanFormInput, UndoScanInput } from '@/lib/stocktake/scan-inputs';
import { recordScan, undoScan } from '@/lib/stocktake/scans';

const permission = PERMISSION.stocktake;

/** One scan of the Count screen (also the offline queue's replay: the scan id makes a resend count once). */
export const scanAction = action({ input: ScanFormInput, permission }, async (input, { user }) =>
  recordScan(await getDb(), { stocktakeId: input.stocktakeId, scanId: input.scanId, code: input.code, quantity: input.quantity, binId: input.binId, addToStocktake: input.add }, user.id),
);

export const undoScanAction = action({ input: UndoScanInput, permission }, async (input, { user }) => undoScan(await getDb(), input, user.id));
