'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { importProductsCsv } from '@/lib/catalog/product-import';
import { ProductImportInput, ProductInput } from '@/lib/catalog/product-inputs';
import { saveProduct } from '@/lib/catalog/products';
import { queueStockProductLabels } from '@/lib/labels/documents';
import { StockProductLabelsInput } from '@/lib/labels/label-inputs';
import { productIdsMatching } from '@/lib/labels/stock-labels';

const PATH = '/inventory/products';
const permission = PERMISSION.products;

export const saveProductAction = action({ input: ProductInput, permission }, async (input) => {
  const saved = await saveProduct(await getDb(), input);
  revalidatePath(PATH);
  if (saved.created) redirect(`${PATH}/${saved.id}?created=1`);
  return { sku: saved.sku };
});

export const importProductsAction = action({ input: ProductImportInput, permission, parse: (form) => ({ file: form.get('file') }) }, async ({ file }) => {
  const result = await importProductsCsv(await getDb(), file);
  revalidatePath(PATH);
  return result;
});

/**
 * Print labels (warehouse product labels): the ticked products with their counts, or every
 * product matching the search (capped); queues one document for the worker.
 */
export const printStockLabelsAction = action({ input: StockProductLabelsInput, permission }, async (input, { user }) => {
  const db = await getDb();
  const items = input.scope === 'matching' ? (await productIdsMatching(db, input.q)).map((productId) => ({ productId, quantity: input.perProduct })) : input.items;
  const doc = await queueStockProductLabels(db, { format: input.format, items }, user.id);
  revalidatePath(PATH);
  return { documentId: doc.id, total: doc.total ?? 0 };
});
