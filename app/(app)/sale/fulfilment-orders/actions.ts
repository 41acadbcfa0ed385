'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { cancelFo, editFo, processFo, refreshFo, shipFo, voidFo } from '@/lib/fulfilment/fo-actions';
import { FoEditInput, FoIdInput } from '@/lib/fulfilment/fo-inputs';

const BASE = '/sale/fulfilment-orders';
const permission = PERMISSION.fba;

function refresh(id: string) {
  revalidatePath(BASE);
  revalidatePath(`${BASE}/${id}`);
}

/**
 * The order page's buttons. Each runs one transaction that checks the action against the order's
 * status (the page shows only the buttons that apply; these refuse the rest) and, where Amazon
 * must be told, queues the call for the worker: the page then follows the answer live.
 */
export const processFoAction = action({ input: FoIdInput, permission }, async ({ id }, { user }) => {
  await (await getDb()).transaction((tx) => processFo(tx, id, user.id));
  refresh(id);
  return { id };
});

export const voidFoAction = action({ input: FoIdInput, permission }, async ({ id }, { user }) => {
  await (await getDb()).transaction((tx) => voidFo(tx, id, user.id));
  refresh(id);
  return { id };
});

export const shipFoAction = action({ input: FoIdInput, permission }, async ({ id }, { user }) => {
  await (await getDb()).transaction((tx) => shipFo(tx, id, user.id));
  refresh(id);
  return { id };
});

export const cancelFoAction = action({ input: FoIdInput, permission }, async ({ id }, { user }) => {
  await (await getDb()).transaction((tx) => cancelFo(tx, id, user.id));
  refresh(id);
  return { id };
});

export const refreshFoAction = action({ input: FoIdInput, permission }, async ({ id }, { user }) => {
  await (await getDb()).transaction((tx) => refreshFo(tx, id, user.id));
  return { id };
});

export const editFoAction = action({ input: FoEditInput, permission }, async ({ id, ...edit }, { user }) => {
  await (await getDb()).transaction((tx) => editFo(tx, id, edit, user.id));
  refresh(id);
  return { id };
});
