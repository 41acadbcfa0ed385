'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { AddStocktakeLineInput, CountsInput, parseCountsForm, StartStocktakeInput, StocktakeIdInput } from '@/lib/stocktake/inputs';
import { requestStocktakeSync } from '@/lib/stocktake/fba-sync';
import { addStocktakeLine, completeStocktake, saveCounts, startStocktake, voidStocktake } from '@/lib/stocktake/stocktake';

const BASE = '/inventory/stocktake';
const permission = PERMISSION.stocktake;

export const startStocktakeAction = action({ input: StartStocktakeInput, permission }, async (input, { user }) => {
  const doc = await startStocktake(await getDb(), input, user.id);
  revalidatePath(BASE);
  redirect(`${BASE}/${doc.id}`);
});

export const addStocktakeLineAction = action({ input: AddStocktakeLineInput, permission }, async (input) => {
  const line = await addStocktakeLine(await getDb(), { stocktakeId: input.id, sku: input.sku, binId: input.binId });
  revalidatePath(`${BASE}/${input.id}`);
  return { sku: line.sku };
});

/** Save counts, or save and complete in the same transaction, so typed counts are never lost to a refusal. */
export const saveCountsAction = action({ input: CountsInput, permission, parse: parseCountsForm }, async (input, { user }) => {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    await saveCounts(tx, { stocktakeId: input.id, lines: input.lines });
    return input.intent === 'complete' ? completeStocktake(tx, input.id, user.id) : null;
  });
  revalidatePath(BASE);
  revalidatePath(`${BASE}/${input.id}`);
  if (result) {
    revalidatePath('/inventory/stock-on-hand');
    // The counts form gives way to the read-only lines, so the confirmation travels in the URL.
    redirect(`${BASE}/${input.id}?done=completed&posted=${result.posted}`);
  }
  return { saved: input.lines.length };
});

export const voidStocktakeAction = action({ input: StocktakeIdInput, permission }, async (input) => {
  const doc = await voidStocktake(await getDb(), input.id);
  revalidatePath(BASE);
  revalidatePath(`${BASE}/${input.id}`);
  redirect(`${BASE}/${doc.id}?done=voided`);
});

/**
 * The Sync button (FBA locations): queues a run for the worker, which fetches Amazon's inventory
 * report and fills Counted with the fulfillable quantities. Records the intent only: the web
 * request never waits for Amazon; the page follows the run's progress.
 */
export const syncStocktakeAction = action({ input: StocktakeIdInput, permission }, async (input, { user }) => {
  const run = await requestStocktakeSync(await getDb(), input.id, user.id);
  return { runId: run.id };
});
