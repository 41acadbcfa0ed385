'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { queueBinLabels } from '@/lib/labels/documents';
import { BinLabelsInput } from '@/lib/labels/label-inputs';
import { AddBinInput, IdInput, LocationNameInput, RenameLocationInput } from '@/lib/reference/inputs';
import { addBin, createLocation, deleteLocation, removeBin, renameLocation } from '@/lib/reference/locations';

const PATH = '/settings/reference-books/locations';
const permission = PERMISSION.referenceBooks;

export const createLocationAction = action({ input: LocationNameInput, permission }, async (input) => {
  const loc = await createLocation(await getDb(), input);
  revalidatePath(PATH);
  return { name: loc!.name };
});

export const renameLocationAction = action({ input: RenameLocationInput, permission }, async (input) => {
  await renameLocation(await getDb(), input);
  revalidatePath(PATH);
  return { name: input.name };
});

export const deleteLocationAction = action({ input: IdInput, permission }, async (input) => {
  await deleteLocation(await getDb(), input.id);
  revalidatePath(PATH);
  return null;
});

export const addBinAction = action({ input: AddBinInput, permission }, async (input) => {
  const bin = await addBin(await getDb(), input);
  revalidatePath(PATH);
  return { name: bin.name };
});

export const removeBinAction = action({ input: IdInput, permission }, async (input) => {
  await removeBin(await getDb(), input.id);
  revalidatePath(PATH);
  return null;
});

/** Print bin labels: queues one bin-label document for the worker; the page follows its progress. */
export const printBinLabelsAction = action({ input: BinLabelsInput, permission }, async (input, { user }) => {
  const doc = await queueBinLabels(await getDb(), input, user.id);
  revalidatePath(PATH);
  return { documentId: doc.id, total: doc.total ?? 0 };
});
