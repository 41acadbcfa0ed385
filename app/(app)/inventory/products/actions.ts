'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { importProductsCsv } from '@/lib/catalog/product-import';
import { ProductImportInput, ProductInput } from '@/lib/catalog/product-inputs';
import { saveProduct } from '@/lib/catalog/products';

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
